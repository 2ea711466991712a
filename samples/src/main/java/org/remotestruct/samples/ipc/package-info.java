/**
 * Sample: pass bytes between processes by reference. {@link
 * org.remotestruct.samples.ipc.IpcReceiver} and {@link org.remotestruct.samples.ipc.IpcSender}
 * are the two sides; {@code IpcThroughputBenchmark} in {@code benchmarks/} compares the pull with
 * copying the bytes through a socket. See {@code docs/ipc.md}. Not API: the library side is
 * {@code org.remotestruct.ipc}.
 */
package org.remotestruct.samples.ipc;
