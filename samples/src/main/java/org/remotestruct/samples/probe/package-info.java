/**
 * Sample: {@code probe}, a command line tool that reads, writes and exports (Prometheus) the
 * structs of any process that published a remotestruct registry. Entry point: {@link
 * org.remotestruct.samples.probe.Probe}; everything else is internal to the tool.
 */
package org.remotestruct.samples.probe;
