/**
 * API: move bytes between two local processes by reference. A {@link
 * org.remotestruct.ipc.PullSender} passes (sequence, address, length) over a unix socket, up to a
 * window of messages ahead ({@link org.remotestruct.ipc.SendRing}); the {@link
 * org.remotestruct.ipc.PullReceiver} identifies it with {@code SO_PEERCRED} and {@code
 * SO_PEERPIDFD}, pulls the announced bytes with one {@code process_vm_readv} and acknowledges
 * them with one cumulative ack. The
 * receiver reads only memory the sender's uid could read itself, so it may run privileged. See
 * {@code docs/ipc.md}.
 */
package org.remotestruct.ipc;
