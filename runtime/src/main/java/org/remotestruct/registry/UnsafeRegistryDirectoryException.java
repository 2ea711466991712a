package org.remotestruct.registry;

import java.nio.file.Path;

/**
 * A registry directory was refused, by a reader before it trusted any file in it or by a publisher
 * before it wrote anything, because someone other than the files' owners could rename, replace or
 * remove registry files there. The message names the directory, its owner and mode, the
 * {@link Rule} and what to do.
 */
public final class UnsafeRegistryDirectoryException extends RegistryException {

    private static final long serialVersionUID = 1L;

    /** The safety rule a registry directory broke. */
    public enum Rule {
        /** The path is a symbolic link, or not a directory at all; links are never followed. */
        NOT_A_DIRECTORY,
        /**
         * Group- or world-writable: for a reader, without the sticky bit (others could rename or
         * replace any file); for a publisher, even with it (others could take the registry's name).
         */
        WRITABLE_BY_OTHERS,
        /** A publisher's directory owned neither by its effective uid nor by root. */
        WRONG_OWNER
    }

    private final Path directory;
    private final Rule rule;
    private final int ownerUid;
    private final int mode;

    /**
     * The directory {@code directory}, owned by {@code ownerUid} with permission bits {@code mode}
     * (-1 if unknown), broke {@code rule}; {@code detail} says how and {@code remedy} what to do.
     */
    UnsafeRegistryDirectoryException(Path directory, Rule rule, int ownerUid, int mode, String detail,
            String remedy) {
        super("unsafe registry directory " + directory + describe(ownerUid, mode) + ": " + detail + " [" + rule + "]; "
                + remedy);
        this.directory = directory;
        this.rule = rule;
        this.ownerUid = ownerUid;
        this.mode = mode;
    }

    private static String describe(int ownerUid, int mode) {
        return ownerUid < 0 ? "" : String.format(" (owner uid %d, mode %04o)", ownerUid, mode);
    }

    /** The refused directory, as given. */
    public Path directory() {
        return directory;
    }

    /** The rule it broke. */
    public Rule rule() {
        return rule;
    }

    /** Its owner's uid, or -1 if it is not a directory. */
    public int ownerUid() {
        return ownerUid;
    }

    /** Its permission bits, sticky bit included ({@code 01777} for {@code /tmp}), or -1 if it is not a directory. */
    public int mode() {
        return mode;
    }
}
