package org.remotestruct.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.remotestruct.processor.DiagnosticsTest.compile;
import static org.remotestruct.processor.DiagnosticsTest.source;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.SnapshotRetry;
import org.remotestruct.StructLayout;

/** {@code @RemoteStruct(sequence = ...)}: its checks, the sequenced layout and view, and the C helpers. */
class SequencedStructTest {

    private static JavaFileObject world() {
        return source("World", """
                @RemoteStruct(sequence = "seq")
                public record World(
                        @Field(type = CType.INT32) int tick,
                        @Field(type = CType.UINT64) long seq,
                        @Field(type = CType.DOUBLE, writable = true) double gravity) {}
                """);
    }

    @Test
    void rs150SequenceNamesNoField() {
        JavaFileObject src = source("NoSeq", """
                @RemoteStruct(sequence = "version")
                public record NoSeq(@Field(type = CType.UINT32) long seq) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS150] sequence = \"version\" names no field of NoSeq; fields: [seq]")
                .inFile(src).onLineContaining("sequence =");
    }

    @Test
    void rs151SequenceFieldIsNotAnAlignedUnsignedScalar() {
        JavaFileObject src = source("Signed", """
                @RemoteStruct(sequence = "seq")
                public record Signed(
                        @Field(type = CType.INT32) int hp,
                        @Field(type = CType.INT32) int seq) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS151] sequence field 'seq' is INT32 at offset 4")
                .inFile(src).onLineContaining(" seq)");
        JavaFileObject packed = source("Packed", """
                @RemoteStruct(sequence = "seq")
                public record Packed(
                        @Field(offset = 0, type = CType.INT8) byte tag,
                        @Field(offset = 1, type = CType.UINT32) long seq) {}
                """);
        assertThat(compile(packed)).hadErrorContaining("[RS151] sequence field 'seq' is UINT32 at offset 1")
                .inFile(packed).onLineContaining(" seq)");
    }

    @Test
    void rs152SequenceFieldIsWritable() {
        JavaFileObject src = source("Open", """
                @RemoteStruct(sequence = "seq")
                public record Open(@Field(type = CType.UINT32, writable = true) long seq) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS152] sequence field 'seq' is writable")
                .inFile(src).onLineContaining(" seq)");
    }

    @Test
    void theGeneratedViewReadsWithTheSequenceAndTakesARetryPolicy(@TempDir Path dir) throws Exception {
        Compiled c = Compiled.compile(dir, List.of(), world(), Sources.vec3());
        Class<?> view = c.loader.loadClass("test.WorldRemoteView");
        StructLayout layout = (StructLayout) view.getField("LAYOUT").get(null);
        assertEquals("seq", layout.sequence().name());
        assertEquals(List.of(new StructLayout.Span(0, 4), new StructLayout.Span(16, 8)), layout.spans());
        Method retry = view.getMethod("snapshotRetry", SnapshotRetry.class);
        assertEquals(view, retry.getReturnType());
        StructLayout plain = (StructLayout) c.loader.loadClass("game.Vec3RemoteView").getField("LAYOUT").get(null);
        assertNull(plain.sequence());
        assertTrue(List.of(c.loader.loadClass("game.Vec3RemoteView").getMethods()).stream()
                .noneMatch(m -> m.getName().equals("snapshotRetry")), "only sequenced views take a retry policy");
    }

    @Test
    void theCHeaderHasSeqlockHelpersThatACWriterAndReaderCompileAndRunWith(@TempDir Path headers) throws Exception {
        assertThat(Compiled.javac(List.of(), "-Aremotestruct.headerDir=" + headers).compile(world()))
                .succeededWithoutWarnings();
        String h = Files.readString(headers.resolve("World.h"));
        assertTrue(h.contains("static inline void World_seq_begin(struct World *s)"), h);
        assertTrue(h.contains("__ATOMIC_RELEASE"), h);
        Files.writeString(headers.resolve("main.c"), """
                #include <stdio.h>
                #include "World.h"
                static struct World w;
                int main(void) {
                    World_seq_begin(&w);
                    int odd = (int) (w.seq & 1);
                    w.tick = 7;
                    World_seq_end(&w);
                    uint64_t start;
                    int tries = 0;
                    do { start = World_seq_read_begin(&w); tries++; } while (World_seq_read_retry(&w, start));
                    printf("%d %d %llu %d\\n", odd, w.tick, (unsigned long long) start, tries);
                    return 0;
                }
                """);
        Process cc = new ProcessBuilder("cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-O2", "-o", "main", "main.c")
                .directory(headers.toFile()).redirectErrorStream(true).start();
        String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cc.waitFor(), log);
        Process run = new ProcessBuilder(headers.resolve("main").toString()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.waitFor(), out);
        assertEquals("1 7 2 1\n", out, "odd during the update, even (2) after it, read on the first try");
    }
}
