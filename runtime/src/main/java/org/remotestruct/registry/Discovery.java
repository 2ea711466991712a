package org.remotestruct.registry;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of scanning a registry directory: the registries of live processes, and every other
 * registry file with the reason it was skipped.
 *
 * @param live registries that passed the safety and identity checks, sorted by file name
 * @param skipped files that did not, sorted by file name
 */
public record Discovery(List<AddressRegistry> live, List<Skipped> skipped) {

    /** Copies the lists. */
    public Discovery {
        live = List.copyOf(live);
        skipped = List.copyOf(skipped);
    }

    /** Why a registry file was skipped. */
    public enum Reason {
        /** The process it names is gone, restarted, or from an earlier boot. */
        STALE,
        /** The process runs in a pid namespace this reader cannot see (the reader is in a container itself). */
        FOREIGN,
        /** The file broke a safety rule ({@link UnsafeRegistryFileException}). */
        UNSAFE,
        /** The text broke the format ({@link RegistryFormatException}). */
        MALFORMED,
        /** The file could not be read (e.g. permission denied). */
        UNREADABLE,
        /**
         * Not read or not verified by this scan because a {@link ScanLimits} limit was reached; a later
         * scan reads it. The {@link Skipped#file} of "more files than the limit" is the directory.
         */
        LIMIT
    }

    /**
     * A skipped registry file.
     *
     * @param file the file (the directory itself for files over {@link ScanLimits#maxFiles})
     * @param reason the category
     * @param message the full error message, saying what failed and what to do
     */
    public record Skipped(Path file, Reason reason, String message) {
    }
}
