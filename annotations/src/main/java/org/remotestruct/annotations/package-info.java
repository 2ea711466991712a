/**
 * API: the annotations that describe a C struct as a Java record.
 *
 * <p>Annotate a record with {@link org.remotestruct.annotations.RemoteStruct} (or
 * {@link org.remotestruct.annotations.RemoteUnion}) and every component with
 * {@link org.remotestruct.annotations.Field}; the remotestruct annotation processor then generates
 * a {@code <Record>RemoteView} class that reads and writes the struct in another process. Java
 * enums map to C integers through {@link org.remotestruct.annotations.EnumValue}.
 */
package org.remotestruct.annotations;
