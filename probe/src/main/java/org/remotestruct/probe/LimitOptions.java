package org.remotestruct.probe;

import org.remotestruct.registry.RegistryScanner;
import org.remotestruct.registry.ScanLimits;
import picocli.CommandLine.Option;

/**
 * The limits of {@code list}, {@code dump}, {@code watch} and {@code serve}: how much of the registry
 * directory one scan reads ({@link ScanLimits}) and how much of each target is read
 * ({@link ReadLimits}; the per-round limits are {@code serve}'s own options).
 */
final class LimitOptions {

    @Option(names = "--max-registries", paramLabel = "N", defaultValue = "" + ScanLimits.DEFAULT_MAX_FILES,
            description = "registry files read per scan; the others are read by later scans in turn (default ${DEFAULT-VALUE})")
    int maxRegistries;

    @Option(names = "--max-registry-bytes", paramLabel = "BYTES", defaultValue = "" + ScanLimits.DEFAULT_MAX_BYTES,
            description = "bytes of registry files read per scan, smaller files first (default ${DEFAULT-VALUE})")
    long maxRegistryBytes;

    @Option(names = "--max-namespace-scans", paramLabel = "N", defaultValue = "" + ScanLimits.DEFAULT_MAX_NAMESPACE_SCANS,
            description = "scans of /proc per scan to find targets in other pid namespaces (containers) the first "
                    + "time (default ${DEFAULT-VALUE})")
    int maxNamespaceScans;

    @Option(names = "--max-entry-bytes", paramLabel = "BYTES", defaultValue = "" + ReadLimits.DEFAULT_ENTRY_BYTES,
            description = "larger entries are not read (default ${DEFAULT-VALUE})")
    long maxEntryBytes;

    @Option(names = "--max-entry-elements", paramLabel = "N", defaultValue = "" + ReadLimits.DEFAULT_ENTRY_ELEMENTS,
            description = "entries with more elements are not read (default ${DEFAULT-VALUE})")
    long maxEntryElements;

    @Option(names = "--max-target-bytes", paramLabel = "BYTES", defaultValue = "" + ReadLimits.DEFAULT_TARGET_BYTES,
            description = "bytes read from one target; entries past it are not read (default ${DEFAULT-VALUE})")
    long maxTargetBytes;

    @Option(names = "--max-target-elements", paramLabel = "N", defaultValue = "" + ReadLimits.DEFAULT_TARGET_ELEMENTS,
            description = "elements read from one target; entries past it are not read (default ${DEFAULT-VALUE})")
    long maxTargetElements;

    /**
     * A scanner with these scan limits.
     *
     * @throws ProbeException (exit code 2) if a limit is below 1 (0 for namespace scans)
     */
    RegistryScanner scanner() {
        try {
            return new RegistryScanner(new ScanLimits(maxRegistries, maxRegistryBytes, maxNamespaceScans));
        } catch (IllegalArgumentException e) {
            throw new ProbeException(ProbeException.USAGE, "--max-registries and --max-registry-bytes must be at least"
                    + " 1 and --max-namespace-scans at least 0, were " + maxRegistries + ", " + maxRegistryBytes
                    + " and " + maxNamespaceScans);
        }
    }

    /**
     * These read limits, with the given per-round limits.
     *
     * @throws ProbeException (exit code 2) if a limit is below 1
     */
    ReadLimits read(long roundBytes, long roundElements) {
        return new ReadLimits(maxEntryBytes, maxEntryElements, maxTargetBytes, maxTargetElements, roundBytes,
                roundElements);
    }

    /** These read limits for a command that reads one target, where the round is that target. */
    ReadLimits read() {
        return read(maxTargetBytes, maxTargetElements);
    }
}
