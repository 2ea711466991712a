package org.remotestruct.internal;

/** errno values the native layer distinguishes, their names, and what a user can do about them. */
public final class Errno {

    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** No such process. */
    public static final int ESRCH = 3;
    /** Interrupted system call. */
    public static final int EINTR = 4;
    /** Resource temporarily unavailable. */
    public static final int EAGAIN = 11;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Bad address. */
    public static final int EFAULT = 14;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** Broken pipe. */
    public static final int EPIPE = 32;
    /** File name too long. */
    public static final int ENAMETOOLONG = 36;
    /** Address already in use. */
    public static final int EADDRINUSE = 98;
    /** Connection reset by peer. */
    public static final int ECONNRESET = 104;
    /** Connection refused. */
    public static final int ECONNREFUSED = 111;

    private Errno() {
    }

    /** "ENOENT (2)" for the values above, "errno 42" otherwise. */
    public static String name(int errno) {
        String name = switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case ESRCH -> "ESRCH";
            case EINTR -> "EINTR";
            case EAGAIN -> "EAGAIN";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EINVAL -> "EINVAL";
            case EPIPE -> "EPIPE";
            case ENAMETOOLONG -> "ENAMETOOLONG";
            case EADDRINUSE -> "EADDRINUSE";
            case ECONNRESET -> "ECONNRESET";
            case ECONNREFUSED -> "ECONNREFUSED";
            default -> null;
        };
        return name == null ? "errno " + errno : name + " (" + errno + ")";
    }

    /** A hint for a failed socket call, starting with "; ", or "" when there is nothing to add. */
    static String socketHint(int errno) {
        return switch (errno) {
            case ENOENT -> "; no socket at that path: is the receiver running, and is the path the one it listens on?";
            case ECONNREFUSED -> "; a socket file exists but nobody listens: the receiver exited and left it behind";
            case EACCES, EPERM -> "; the socket file or its directory is not writable by this uid (the receiver"
                    + " makes them 0600/0700): run as the receiver's uid";
            case EADDRINUSE -> "; the path exists: another receiver listens there, or a stale socket file"
                    + " was left behind (remove it if no receiver runs)";
            default -> "";
        };
    }
}
