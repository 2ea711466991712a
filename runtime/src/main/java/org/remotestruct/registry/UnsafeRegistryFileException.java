package org.remotestruct.registry;

import java.nio.file.Path;
import org.remotestruct.internal.SafeText;

/**
 * A registry file was refused before its content was trusted, because a process running as root
 * must not be tricked into reading another file, blocking forever, or trusting text a third user
 * could have written. The message names the file, the {@link Rule} and what to do.
 */
public final class UnsafeRegistryFileException extends RegistryException {

    private static final long serialVersionUID = 1L;

    /** The safety rule a registry file broke. */
    public enum Rule {
        /** The file is a symbolic link; links are never followed. */
        SYMLINK("write the registry file itself into the directory, not a symbolic link to it"),
        /** Not a regular file (FIFO, socket, device, directory). */
        NOT_REGULAR("remove it; only regular files are registries"),
        /** More than one hard link, so it may be someone else's file linked in. */
        HARD_LINKS("publish with rs_registry_commit/RegistryPublisher, which write a fresh file"),
        /** Group- or world-writable, so another user could have changed it. */
        WRITABLE_BY_OTHERS("chmod go-w the file (publishers create it 0644)"),
        /** Owned neither by root nor by the uid the named process runs as. */
        WRONG_OWNER("the registry must be written by the target process itself (or by root)"),
        /**
         * The owner could not read or write the process the file names under the kernel's ptrace rules
         * (a setuid or setgid program, another user's process, a non-dumpable one, extra capabilities,
         * one in a user namespace another user created).
         */
        OWNER_MAY_NOT_ACCESS("a registry speaks for its owner: publish it as root, or run the target as the "
                + "file's owner, dumpable and without setuid/setgid or file capabilities, in the reader's user "
                + "namespace or one the owner created (docs/security.md)"),
        /** Larger than 1 MiB. */
        TOO_LARGE("a registry is a few kilobytes; this is not one, remove it"),
        /**
         * In a directory owned by another user (neither root nor the reader), who could have renamed
         * or replaced it, and not owned by that user.
         */
        DIRECTORY_OWNER("publish it in a directory owned by root or by the file's own owner (root: /run/remotestruct)");

        private final String remedy;

        Rule(String remedy) {
            this.remedy = remedy;
        }

        /** What the user can do about it. */
        public String remedy() {
            return remedy;
        }
    }

    private final Path file;
    private final Rule rule;

    /** The file {@code file} broke {@code rule}; {@code detail} says how. */
    public UnsafeRegistryFileException(Path file, Rule rule, String detail) {
        super("unsafe registry file " + SafeText.escape(file.toString()) + ": " + detail + " [" + rule + "]; " + rule.remedy());
        this.file = file;
        this.rule = rule;
    }

    /** The refused file. */
    public Path file() {
        return file;
    }

    /** The rule it broke. */
    public Rule rule() {
        return rule;
    }
}
