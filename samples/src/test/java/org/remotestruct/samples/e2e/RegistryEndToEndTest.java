package org.remotestruct.samples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.remotestruct.samples.e2e.KnownValues.assertSameFields;
import static org.remotestruct.samples.e2e.KnownValues.shown;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.RemoteView;
import org.remotestruct.StructType;
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

            assertSameFields(shown(KnownValues.all(target.vecsAddress())), shown(view.read()));
            assertEquals(KnownValues.vecs(), vecs.read());
            assertEquals(KnownValues.vecs().get(3), vecs.element(3).read());
        }
    }

    @Test
    void entriesBindByTheirPublishedTypeNameAndDecodeToMapsWithoutCompileTimeTypes() {
        try (E2eTarget target = E2eTarget.start(dir)) {
            AddressRegistry registry = AddressRegistry.discover(dir).live().get(0);
            List<List<Map<String, Object>>> decoded = new ArrayList<>();
            for (RegistryEntry entry : registry.content().entries()) {
                decoded.add(decodeAll(registry, entry));
            }

            Map<String, Object> all = decoded.get(0).get(0);
            assertEquals(Long.MIN_VALUE, all.get("i64"));
            assertEquals(2_147_483_649L, all.get("u32"));
            assertEquals(KnownValues.TEXT, all.get("text"));
            assertEquals(target.vecsAddress(), all.get("vecsPtr"));
            assertEquals(Map.of("x", 1.5f, "y", -2.25f, "z", 1e30f), all.get("pos"));
            assertEquals(Map.of("x", -1f, "y", 2f, "z", -3f), ((List<?>) all.get("path")).get(1));
            assertEquals(4, decoded.get(1).size());
            assertEquals(Map.of("x", 3.5f, "y", -3.25f, "z", 3000f), decoded.get(1).get(3));
        }
    }

    /** What a generic probe does: finds the type by the entry's type name, binds it and decodes every element. */
    private static List<Map<String, Object>> decodeAll(AddressRegistry registry, RegistryEntry entry) {
        StructType<?> type = StructType.named(entry.typeName()).orElseThrow();
        RemoteArray<?> array = registry.array(entry.name(), type);
        ByteBuffer bytes = ByteBuffer.wrap(array.process().readBytes(array.address(), array.size() * type.size()))
                .order(ByteOrder.nativeOrder());
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(type.decodeToMap(bytes, i * type.size()));
        }
        return out;
    }

    @Test
    void writableViewBoundFromTheRegistryWritesWhatTheTargetThenSees() {
        try (E2eTarget target = E2eTarget.start(dir)) {
            AddressRegistry registry = AddressRegistry.discover(dir).live().get(0);
            AllTypesRemoteView view = registry.writableView("all", AllTypesRemoteView.TYPE);

            view.write().i32(12345).text("via registry").apply();

            Map<String, String> expected = shown(KnownValues.all(target.vecsAddress()));
            expected.putAll(Map.of("i32", "12345", "text", KnownValues.hex("via registry", 16)));
            assertSameFields(expected, target.show());
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
        try (E2eTarget target = E2eTarget.start(dir)) {
            Path file = target.registryFile();
            assertTrue(Files.exists(file));

            target.exitAndWait();

            assertFalse(Files.exists(file), "removed at exit by rs_registry_remove_at_exit");
            assertEquals(new Discovery(List.of(), List.of()), AddressRegistry.discover(dir));
        }
    }
}
