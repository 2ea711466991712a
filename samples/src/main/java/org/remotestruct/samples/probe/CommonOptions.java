package org.remotestruct.samples.probe;

import java.nio.file.Path;
import org.remotestruct.registry.AddressRegistry;
import picocli.CommandLine.Option;

/** Options every subcommand takes: where registries live, and how much to say on errors. */
final class CommonOptions {

    @Option(names = {"-d", "--registry-dir"}, paramLabel = "DIR",
            description = "Registry directory (default: $REMOTESTRUCT_REGISTRY_DIR, else /run/remotestruct "
                    + "as root, else $XDG_RUNTIME_DIR/remotestruct).")
    Path registryDir;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
    boolean verbose;

    /**
     * Refuses (exit code 2) an {@code --interval} below 1 ms or a negative or NaN {@code --duration}
     * ({@code null}: until interrupted), before anything is read.
     */
    static void checkTiming(long intervalMillis, Double durationSeconds) {
        if (intervalMillis < 1) {
            throw new ProbeException(ProbeException.USAGE, "--interval must be at least 1 ms, was " + intervalMillis);
        }
        if (durationSeconds != null && !(durationSeconds >= 0)) {
            throw new ProbeException(ProbeException.USAGE, "--duration must be 0 or more seconds, was " + durationSeconds);
        }
    }

    /** The directory to scan: the option, else the default publishers use. */
    Path directory() {
        return registryDir != null ? registryDir : AddressRegistry.defaultDirectory();
    }
}
