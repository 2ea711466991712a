package org.remotestruct.registry;

import java.nio.file.Path;
import org.remotestruct.internal.SafeText;

/**
 * A registry no longer describes a live process in this boot and pid namespace, so its addresses
 * must not be used. The message names the file and the {@link Check} that failed.
 */
public final class StaleRegistryException extends RegistryException {

    private static final long serialVersionUID = 1L;

    /** The identity check a registry failed. */
    public enum Check {
        /** Written before the last reboot: the boot id differs. */
        BOOT_ID,
        /** No process has the registry's pid any more. */
        PROCESS_GONE,
        /** A process has the pid, but started at another time: the pid was reused or the target restarted. */
        START_TIME,
        /**
         * The process runs in another pid namespace, where the registry's pid means something else, and
         * the reader cannot find it from its own (no {@code pidns} recorded, or a namespace it cannot see).
         */
        PID_NAMESPACE,
        /**
         * The process has exec'd another program since it published the registry: same pid and start
         * time, but its image digest ({@code image} key) differs, so the addresses describe memory of
         * a program that is gone.
         */
        EXEC
    }

    private final Path file;
    private final Check check;

    /** The registry {@code file} failed {@code check}; {@code detail} says how. */
    public StaleRegistryException(Path file, Check check, String detail) {
        super("stale registry " + SafeText.escape(file.toString()) + " [" + check + "]: " + detail);
        this.file = file;
        this.check = check;
    }

    /** The refused registry file. */
    public Path file() {
        return file;
    }

    /** The check that failed. */
    public Check check() {
        return check;
    }
}
