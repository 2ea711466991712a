package org.remotestruct.probe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.remotestruct.registry.AddressRegistry;
import picocli.CommandLine.Option;

/** Options every subcommand takes: where registries live, which struct types, and how much to say on errors. */
final class CommonOptions {

    @Option(names = {"-d", "--registry-dir"}, paramLabel = "DIR",
            description = "Registry directory (default: $REMOTESTRUCT_REGISTRY_DIR, else /run/remotestruct "
                    + "as root, else $XDG_RUNTIME_DIR/remotestruct).")
    Path registryDir;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
    boolean verbose;

    @Option(names = "--types", paramLabel = "JAR_OR_DIR", description = "A jar or class directory of struct "
            + "records compiled with the remotestruct processor (repeatable; more in $" + TypeCatalog.ENVIRONMENT
            + ", separated by ':'). The probe's own class path is always searched.")
    List<Path> types = new ArrayList<>();

    // Here, so every subcommand answers --help before it checks its required options and parameters.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

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

    /**
     * The struct types of {@code --types}, {@code $REMOTESTRUCT_PROBE_TYPES} and the class path.
     *
     * @throws ProbeException (exit code 2) if a location holds no types or cannot be read
     */
    TypeCatalog types() {
        return TypeCatalog.load(types, System.getenv(TypeCatalog.ENVIRONMENT), CommonOptions.class.getClassLoader());
    }

    /** The directory to scan: the option, else the default publishers use. */
    Path directory() {
        return registryDir != null ? registryDir : AddressRegistry.defaultDirectory();
    }
}
