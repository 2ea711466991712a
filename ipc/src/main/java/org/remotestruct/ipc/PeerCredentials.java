package org.remotestruct.ipc;

/**
 * The identity of the process at the other end of a unix socket, as the kernel recorded it at
 * {@code connect()} ({@code SO_PEERCRED}); the peer cannot forge it.
 *
 * @param pid the peer's pid
 * @param uid the peer's effective uid
 * @param gid the peer's effective gid
 */
public record PeerCredentials(int pid, int uid, int gid) {
}
