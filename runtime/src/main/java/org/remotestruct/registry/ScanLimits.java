package org.remotestruct.registry;

/**
 * How much one scan of a registry directory may cost, so that a directory full of files, or of
 * registries from other pid namespaces, cannot stall or exhaust a reader that scans every second.
 * Whatever a limit leaves out is reported as {@link Discovery.Reason#LIMIT}, never dropped silently.
 *
 * @param maxFiles registry files read per scan; the directory's other {@code *.registry} files wait
 *     for a later scan (each scan starts after the last file the previous one read, so every file is
 *     read in turn)
 * @param maxBytes bytes of registry text read per scan (each file has at most 1 MiB); smaller files
 *     are read first, so large files cannot crowd out the few hundred bytes of a usual registry
 * @param maxNamespaceScans scans of all of {@code /proc} per scan, each needed to find a target of
 *     another pid namespace (a container) the first time; a target found once is checked again by its
 *     pid without a scan, and registries left waiting go first next time
 */
public record ScanLimits(int maxFiles, long maxBytes, int maxNamespaceScans) {

    /** Default {@link #maxFiles}: 1024. */
    public static final int DEFAULT_MAX_FILES = 1024;
    /** Default {@link #maxBytes}: 16 MiB. */
    public static final long DEFAULT_MAX_BYTES = 16L << 20;
    /** Default {@link #maxNamespaceScans}: 16. */
    public static final int DEFAULT_MAX_NAMESPACE_SCANS = 16;
    /** 1024 files, 16 MiB, 16 /proc scans: far above a normal machine, far below a stall. */
    public static final ScanLimits DEFAULTS =
            new ScanLimits(DEFAULT_MAX_FILES, DEFAULT_MAX_BYTES, DEFAULT_MAX_NAMESPACE_SCANS);

    /**
     * Rejects limits that would read nothing.
     *
     * @throws IllegalArgumentException if {@code maxFiles} or {@code maxBytes} is below 1, or
     *     {@code maxNamespaceScans} is negative
     */
    public ScanLimits {
        if (maxFiles < 1 || maxBytes < 1 || maxNamespaceScans < 0) {
            throw new IllegalArgumentException("scan limits must allow at least 1 file and 1 byte and no negative"
                    + " number of /proc scans, were " + maxFiles + " files, " + maxBytes + " bytes, "
                    + maxNamespaceScans + " scans");
        }
    }
}
