/**
 * {@code probe}, a command line tool that lists, reads, writes and exports (Prometheus) the structs
 * of any process that published a remotestruct registry, decoding them through the {@link
 * org.remotestruct.StructType}s it is given ({@code --types}) or finds on its class path. Entry
 * point: {@link org.remotestruct.probe.Probe}; everything else is internal to the tool.
 */
package org.remotestruct.probe;
