package org.remotestruct.probe;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.remotestruct.SafeText;
import org.remotestruct.registry.AddressRegistry;
import org.remotestruct.registry.Discovery;
import org.remotestruct.registry.RegistryScanner;

/** Finds the registry of one target, given as a pid or a registry name, in a registry directory. */
final class Targets {

    private Targets() {
    }

    /**
     * The live registry of {@code spec} (a pid, or the name the target registered under) in {@code dir},
     * scanned by {@code scanner}.
     *
     * @throws ProbeException naming the reason when the target's file is stale, unsafe or malformed,
     *     or listing the live targets when there is no such target
     */
    static AddressRegistry resolve(RegistryScanner scanner, Path dir, String spec) {
        Discovery found = scanner.scan(dir);
        for (AddressRegistry r : found.live()) {
            if (matches(r, spec)) {
                return r;
            }
        }
        for (Discovery.Skipped s : found.skipped()) {
            if (s.file().getFileName().toString().equals(spec + ".registry")) {
                throw new ProbeException(ProbeException.TARGET, "target '" + spec + "' is not readable ("
                        + s.reason() + "): " + s.message());
            }
        }
        String live = found.live().stream().map(Targets::label).collect(Collectors.joining(", "));
        throw new ProbeException(ProbeException.TARGET, "no live target '" + spec + "' registered in "
                + SafeText.escape(dir.toString())
                + (live.isEmpty() ? " (none is; is the target running with this registry directory?)"
                        : "; live targets: " + live));
    }

    static boolean matches(AddressRegistry r, String spec) {
        // The pid here only: targets in containers often share an inner pid (1), which names none uniquely.
        return spec.equals(Integer.toString(r.targetPid())) || spec.equals(name(r));
    }

    /** The target's registered name: its label, else the file name without {@code .registry}. */
    static String name(AddressRegistry r) {
        String file = r.path().getFileName().toString();
        return r.content().label().orElse(file.substring(0, file.length() - ".registry".length()));
    }

    /**
     * {@link #name} as it may be shown: a label the format allows is shown as it is, but a file name
     * is whatever the directory holds, so its control characters are escaped.
     */
    static String shownName(AddressRegistry r) {
        return SafeText.escape(name(r));
    }

    /** {@code name (pid N)} for messages. */
    static String label(AddressRegistry r) {
        return shownName(r) + " (pid " + pid(r) + ")";
    }

    /** The target's pid here, and for a target in a container also the pid it has there: {@code 12345 (1 inside)}. */
    static String pid(AddressRegistry r) {
        int here = r.targetPid();
        return here == r.content().pid() ? Integer.toString(here) : here + " (" + r.content().pid() + " inside)";
    }
}
