package org.remotestruct.probe;

import picocli.CommandLine.Option;

/** {@code --follow} and {@code --follow-max} of {@code dump} and {@code watch}: how far typed pointers are followed. */
final class FollowOptions {

    /** Structs read by following pointers unless {@code --follow-max} says otherwise. */
    static final int DEFAULT_MAX = 1000;

    @Option(names = "--follow", paramLabel = "DEPTH", defaultValue = "0",
            description = "follow typed pointers of the entries this many levels deep, one read per level"
                    + " (default ${DEFAULT-VALUE}: do not follow)")
    int depth;

    @Option(names = "--follow-max", paramLabel = "N", defaultValue = "" + DEFAULT_MAX,
            description = "read at most N structs by following pointers (default ${DEFAULT-VALUE})")
    int max;

    /** Whether pointers are to be followed at all. */
    boolean enabled() {
        if (depth < 0 || max < 1) {
            throw new ProbeException(ProbeException.USAGE, "--follow must be >= 0 and --follow-max >= 1, were "
                    + depth + " and " + max);
        }
        return depth > 0;
    }
}
