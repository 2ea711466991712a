package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryDirectoryTest {

    @Test
    void theEnvironmentVariableOverridesEverything() {
        assertEquals(Path.of("/srv/reg"), RegistryDirectory.resolve(
                Map.of("REMOTESTRUCT_REGISTRY_DIR", "/srv/reg", "XDG_RUNTIME_DIR", "/run/user/1000"), 0));
    }

    @Test
    void rootUsesRunRemotestruct() {
        assertEquals(Path.of("/run/remotestruct"), RegistryDirectory.resolve(Map.of("XDG_RUNTIME_DIR", "/x"), 0));
    }

    @Test
    void anOrdinaryUserUsesTheXdgRuntimeDir() {
        assertEquals(Path.of("/run/user/1000/remotestruct"),
                RegistryDirectory.resolve(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), 1000));
    }

    @Test
    void anOrdinaryUserWithoutXdgRuntimeDirIsToldWhatToSet() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RegistryDirectory.resolve(Map.of(), 1000));
        assertEquals("no registry directory: set REMOTESTRUCT_REGISTRY_DIR (or XDG_RUNTIME_DIR), "
                + "or pass the directory explicitly", e.getMessage());
    }
}
