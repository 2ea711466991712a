package org.remotestruct.probe;

/**
 * A failure the probe reports as one line with its own exit code: a target that is not there, a
 * value refused before anything was written.
 */
final class ProbeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Exit code of a refused write: unknown or read-only field, value out of range. */
    static final int REFUSED = 3;
    /** Exit code of bad usage: an option value out of its range. */
    static final int USAGE = 2;
    /** Exit code of a target that is not registered or cannot be read. */
    static final int TARGET = 1;

    private final int exitCode;

    ProbeException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The process exit code for this failure. */
    int exitCode() {
        return exitCode;
    }
}
