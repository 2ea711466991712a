package org.remotestruct.ipc;

import java.nio.file.Path;

/** A socket call failed: carries the socket path, the call and its errno, and says what to do. */
public final class IpcSocketException extends IpcException {

    private static final long serialVersionUID = 1L;

    private final transient Path socketPath;
    private final int errno;

    /** {@code call} on {@code socketPath} failed with {@code errno}; {@code message} is complete. */
    public IpcSocketException(String message, Path socketPath, int errno, Throwable cause) {
        super(message, cause);
        this.socketPath = socketPath;
        this.errno = errno;
    }

    /** The socket's filesystem path. */
    public Path socketPath() {
        return socketPath;
    }

    /** The errno the call failed with, or 0 when the failure was not a syscall error. */
    public int errno() {
        return errno;
    }
}
