package org.remotestruct.samples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.remotestruct.samples.e2e.KnownValues.assertSameFields;
import static org.remotestruct.samples.e2e.KnownValues.bits;
import static org.remotestruct.samples.e2e.KnownValues.hex;
import static org.remotestruct.samples.e2e.Syscalls.writes;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.RemoteProcess;
import org.remotestruct.WriteBatch;

/**
 * Writes through generated views land in a real C process, confirmed by what the target itself
 * prints: written fields change, every other field keeps its value, and values that do not fit
 * their C field are rejected before anything is sent.
 */
class GeneratedViewWriteTest {

    @TempDir
    Path registryDir;

    private E2eTarget target;
    private AllTypesRemoteView view;
    /** What the target should print after the test's writes; starts as its initial values. */
    private Map<String, String> expected;

    @BeforeEach
    void startTarget() {
        target = E2eTarget.start(registryDir);
        view = AllTypesRemoteView.at(RemoteProcess.attach(target.pid()), target.allAddress());
        expected = KnownValues.shown(KnownValues.all(target.vecsAddress()));
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    @Test
    void scalarWritesLandInTheTargetWithOneSyscallEach() {
        writes(1, () -> view.writeI8((byte) -128));
        writes(1, () -> view.writeU8AsInt(255));
        writes(1, () -> view.writeFlag(false));
        writes(1, () -> view.writeI32(-7));
        writes(1, () -> view.writeU32(0xffff_ffffL));
        writes(1, () -> view.writeU64(0x8000_0000_0000_0000L));
        writes(1, () -> view.writeFNegZero(0.0f));
        writes(1, () -> view.writeDNan(-0.0));
        writes(1, () -> view.writeTail(42));

        expected.putAll(Map.of("i8", "-128", "u8AsInt", "255", "flag", "0", "i32", "-7", "u32", "4294967295",
                "u64", "9223372036854775808", "fNegZero", "00000000", "dNan", "8000000000000000", "tail", "42"));
        assertSameFields(expected, target.show());
    }

    @Test
    void writersOfSeveralViewsAddedToOneBatchLandWithOneSyscall() {
        RemoteProcess process = view.process();
        Vec3RemoteView second = Vec3RemoteView.at(process, target.vecsAddress() + Vec3RemoteView.SIZE);
        WriteBatch batch = process.newWriteBatch();
        view.write().i32(-7).name("batched").addTo(batch);
        second.write().x(9.5f).z(-2f).addTo(batch);
        writes(1, batch::apply);

        expected.put("i32", "-7");
        expected.put("name", hex("batched", 8));
        assertSameFields(expected, target.show());
        List<Vec3> vecs = Vec3RemoteView.readArray(process, target.vecsAddress(), 3);
        assertEquals(new Vec3(0.5f, -0.25f, 0f), vecs.get(0), "the struct before is untouched");
        assertEquals(new Vec3(9.5f, -1.25f, -2f), vecs.get(1), "x and z written, y kept");
        assertEquals(new Vec3(2.5f, -2.25f, 2000f), vecs.get(2), "the struct after is untouched");
    }

    @Test
    void stringArrayAndNestedStructWritesLandInTheTarget() {
        List<Vec3> path = List.of(new Vec3(1, 2, 3), new Vec3(-0.0f, Float.NaN, 7.5f), new Vec3(0, 0, -1));
        writes(1, () -> view.writeName("12345678"));
        writes(1, () -> view.writeText("\u00a1Ol\u00e9!"));
        writes(1, () -> view.writeI32s(new int[] {7, -8, 9}));
        writes(1, () -> view.writePos(new Vec3(0.25f, -0.5f, 1e-30f)));
        writes(1, () -> view.writePath(path));

        expected.put("name", hex("12345678", 8));
        expected.put("text", "c2a14f6cc3a921" + "00".repeat(9)); // "¡Olé!" and NUL padding
        expected.put("i32s", "7,-8,9");
        expected.put("pos", bits(new Vec3(0.25f, -0.5f, 1e-30f)));
        expected.put("path", bits(path.get(0)) + ";" + bits(path.get(1)) + ";" + bits(path.get(2)));
        assertSameFields(expected, target.show());
    }

    @Test
    void writerSendsEveryFieldItWasGivenInOneSyscall() {
        Vec3 pos = new Vec3(9, 8, 7);
        List<Vec3> path = List.of(new Vec3(1, 1, 1), new Vec3(2, 2, 2), new Vec3(3, 3, 3));
        writes(1, () -> view.write().i8((byte) 5).u32(3_000_000_000L).text("writer").i32s(new int[] {1, 2, 3})
                .pos(pos).path(path).tail(-1).apply());

        expected.putAll(Map.of("i8", "5", "u32", "3000000000", "text", hex("writer", 16), "i32s", "1,2,3",
                "pos", bits(pos), "path", bits(path.get(0)) + ";" + bits(path.get(1)) + ";" + bits(path.get(2)),
                "tail", "-1"));
        assertSameFields(expected, target.show());
    }

    @Test
    void stringTooLongForItsCharArrayIsRejectedAndTheTargetKeepsItsBytes() {
        IllegalArgumentException ascii = assertThrows(IllegalArgumentException.class,
                () -> writes(0, () -> view.writeName("123456789")));
        // 17 UTF-8 bytes although only 12 characters: the limit is bytes, not chars.
        IllegalArgumentException utf8 = assertThrows(IllegalArgumentException.class,
                () -> writes(0, () -> view.writeText(KnownValues.TEXT + "!!")));

        assertTrue(ascii.getMessage().contains("AllTypes.name") && ascii.getMessage().contains("9 bytes"),
                ascii.getMessage());
        assertTrue(utf8.getMessage().contains("AllTypes.text") && utf8.getMessage().contains("17 bytes"),
                utf8.getMessage());
        assertSameFields(expected, target.show());
    }

    @Test
    void writerRejectsValuesThatDoNotFitAndAppliesOnlyTheAcceptedOnes() {
        AllTypesRemoteView.Writer writer = view.write().i32(5).name("accepted");

        writes(0, () -> {
            assertThrows(IllegalArgumentException.class, () -> writer.u8AsInt(256));
            assertThrows(IllegalArgumentException.class, () -> writer.u32(-1));
            assertThrows(IllegalArgumentException.class, () -> writer.name("rejected!"));
            assertThrows(IllegalArgumentException.class, () -> writer.text("nul\0inside"));
            assertThrows(NullPointerException.class, () -> writer.pos(null));
            assertThrows(IllegalArgumentException.class, () -> writer.path(List.of(new Vec3(5, 5, 5))));
        });
        assertSameFields(expected, target.show()); // setters send nothing
        writes(1, writer::apply);

        expected.putAll(Map.of("i32", "5", "name", hex("accepted", 8)));
        assertSameFields(expected, target.show());
    }
}
