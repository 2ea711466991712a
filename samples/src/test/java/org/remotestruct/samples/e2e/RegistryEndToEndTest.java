package org.remotestruct.samples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.remotestruct.samples.e2e.KnownValues.shown;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.RemoteView;
import org.remotestruct.registry.AddressRegistry;
import org.remotestruct.registry.Discovery;
import org.remotestruct.registry.LayoutMismatchException;
import org.remotestruct.registry.RegistryEntry;
import org.remotestruct.registry.RemoteArray;

/**
 * The C target publishes its structs with remotestruct.h and the GENERATED fingerprint macros; the
 * Java side discovers the registry, binds views and arrays with the generated {@code TYPE}s and
 * reads the known values; an entry whose fingerprint differs is refused at bind.
 */
class RegistryEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void discoveredRegistryCarriesTheGeneratedFingerprintsAndBindsViewsThatReadTheKnownValues() {
        try (E2eTarget target = E2eTarget.start(dir)) {
            Discovery discovery = AddressRegistry.discover(dir);

            assertEquals(List.of(), discovery.skipped());
            assertEquals(1, discovery.live().size());
            AddressRegistry registry = discovery.live().get(0);
            assertEquals(target.pid(), registry.content().pid());
            RegistryEntry all = registry.content().entry("all").orElseThrow();
            assertEquals(AllTypesRemoteView.FINGERPRINT, all.fingerprint(), "E2E_ALL_TYPES_FINGERPRINT");
            assertEquals(target.allAddress(), all.address());
            assertEquals(Vec3RemoteView.FINGERPRINT, registry.content().entry("vecs").orElseThrow().fingerprint());

            RemoteView<AllTypes> view = registry.view("all", AllTypesRemoteView.TYPE);
            RemoteArray<Vec3> vecs = registry.array("vecs", Vec3RemoteView.TYPE);

            assertEquals(shown(KnownValues.all(target.vecsAddress())), shown(view.read()));
            assertEquals(KnownValues.vecs(), vecs.read());
            assertEquals(KnownValues.vecs().get(3), vecs.element(3).read());
        }
    }

    @Test
    void writableViewBoundFromTheRegistryWritesWhatTheTargetThenSees() {
        try (E2eTarget target = E2eTarget.start(dir)) {
            AddressRegistry registry = AddressRegistry.discover(dir).live().get(0);
            AllTypesRemoteView view = (AllTypesRemoteView) registry.writableView("all", AllTypesRemoteView.TYPE);

            view.write().i32(12345).text("via registry").apply();

            Map<String, String> expected = shown(KnownValues.all(target.vecsAddress()));
            expected.putAll(Map.of("i32", "12345", "text", KnownValues.hex("via registry", 16)));
            assertEquals(expected, target.show());
        }
    }

    @Test
    void entryWithAWrongFingerprintIsRefusedAtBindNamingBothFingerprints() {
        try (E2eTarget target = E2eTarget.start(dir)) {
            target.publishWrongFingerprint();
            AddressRegistry registry = AddressRegistry.load(target.registryFile());
            long published = AllTypesRemoteView.FINGERPRINT ^ 1;

            LayoutMismatchException e = assertThrows(LayoutMismatchException.class,
                    () -> registry.view("all_wrong", AllTypesRemoteView.TYPE));

            assertEquals("all_wrong", e.entryName());
            assertEquals(published, e.publishedFingerprint());
            assertEquals(AllTypesRemoteView.FINGERPRINT, e.expectedFingerprint());
            assertTrue(e.getMessage().contains(String.format("fingerprint %016x", published)), e.getMessage());
            assertTrue(e.getMessage().contains(String.format("fingerprint %016x", AllTypesRemoteView.FINGERPRINT)),
                    e.getMessage());
            assertEquals(Integer.MIN_VALUE, registry.view("all", AllTypesRemoteView.TYPE).read().i32(),
                    "the correct entry of the same registry still binds");
        }
    }

    @Test
    void registryOfATargetThatExitedNormallyIsGone() {
        E2eTarget target = E2eTarget.start(dir);
        Path file = target.registryFile();
        assertTrue(Files.exists(file));

        target.exitAndWait();

        assertFalse(Files.exists(file), "removed at exit by rs_registry_remove_at_exit");
        assertEquals(new Discovery(List.of(), List.of()), AddressRegistry.discover(dir));
    }
}
