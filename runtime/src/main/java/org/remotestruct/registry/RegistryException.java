package org.remotestruct.registry;

/** Base of every failure to load, trust or bind an address registry; the message says what to do. */
public abstract class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with this message. */
    protected RegistryException(String message) {
        super(message);
    }

    /** An exception with this message and cause. */
    protected RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
