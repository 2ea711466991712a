package org.remotestruct.registry;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where registries live by default, the same rule the C library applies: {@code
 * $REMOTESTRUCT_REGISTRY_DIR} if set, else {@code /run/remotestruct} for root, else {@code
 * $XDG_RUNTIME_DIR/remotestruct}. Root and ordinary users differ because only root may write {@code
 * /run}, while {@code $XDG_RUNTIME_DIR} is private to one user.
 */
final class RegistryDirectory {

    /** Environment variable that overrides the default directory for publishers and readers alike. */
    static final String ENV = "REMOTESTRUCT_REGISTRY_DIR";
    static final Path ROOT_DEFAULT = Path.of("/run/remotestruct");

    private RegistryDirectory() {
    }

    /**
     * The default directory given an environment and an effective uid.
     *
     * @throws IllegalStateException if neither variable is set for a non-root user
     */
    static Path resolve(Map<String, String> env, int effectiveUid) {
        String override = env.get(ENV);
        if (override != null && !override.isEmpty()) {
            return Path.of(override);
        }
        if (effectiveUid == 0) {
            return ROOT_DEFAULT;
        }
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "remotestruct");
        }
        throw new IllegalStateException("no registry directory: set " + ENV + " (or XDG_RUNTIME_DIR), "
                + "or pass the directory explicitly");
    }
}
