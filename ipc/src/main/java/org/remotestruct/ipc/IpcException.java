package org.remotestruct.ipc;

/** Any failure of the ipc layer; the subclasses say which party, message and socket it concerns. */
public class IpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An ipc failure described by {@code message}, caused by {@code cause} (may be null). */
    public IpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
