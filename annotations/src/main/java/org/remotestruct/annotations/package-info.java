/**
 * API: the annotations that describe a C struct as a Java record.
 *
 * <p>Annotate a record with {@link org.remotestruct.annotations.RemoteStruct} and every component
 * with {@link org.remotestruct.annotations.Field}; the remotestruct annotation processor then
 * generates a {@code <Record>RemoteView} class that reads and writes the struct in another process.
 */
package org.remotestruct.annotations;
