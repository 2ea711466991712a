/**
 * The remotestruct annotation processor: {@link org.remotestruct.processor.RemoteStructProcessor}
 * (found by javac through {@code META-INF/services}) and its diagnostics,
 * {@link org.remotestruct.processor.Message}, whose IDs are stable and listed in
 * {@code docs/errors.md}. Users configure it only through the processor option
 * {@code -Aremotestruct.headerDir=<dir>}; everything else here is internal.
 */
package org.remotestruct.processor;
