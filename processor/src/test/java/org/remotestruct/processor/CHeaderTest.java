package org.remotestruct.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.io.ByteSource;
import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated C headers compile with a real C compiler, and their static assertions catch drift. */
class CHeaderTest {

    record Result(int exit, String output) {
    }

    /** Runs {@code cc -std=c11 -Wall -Werror -c probe.c} in {@code dir}. */
    static Result cc(Path dir, String probe) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("probe.c"), probe);
        Process p = new ProcessBuilder("cc", "-std=c11", "-Wall", "-Werror", "-c", "probe.c", "-o", "probe.o")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }

    static Compilation compileWithHeaderDir(Path headers) {
        Compilation c = Compiled.javac(List.of(), "-Aremotestruct.headerDir=" + headers)
                .compile(Sources.vec3(), Sources.player(), Sources.everything());
        assertThat(c).succeededWithoutWarnings();
        return c;
    }

    @Test
    void headersCompileAndAgreeWithTheJavaLayout(@TempDir Path headers) throws Exception {
        Compilation c = compileWithHeaderDir(headers);
        for (String name : List.of("Vec3.h", "player.h", "everything.h")) {
            assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "remotestruct/include/" + name)
                    .hasContents(ByteSource.wrap(Files.readAllBytes(headers.resolve(name))));
        }
        String player = Files.readString(headers.resolve("player.h"));
        assertTrue(player.contains("#include \"Vec3.h\""), player);
        assertTrue(player.contains("char name[16];"), player);
        assertTrue(player.contains("void *session;"), player);
        assertTrue(player.contains("#define PLAYER_SIZE 64"), player);
        assertTrue(player.contains("_Static_assert(offsetof(struct player, pos) == 24,"), player);
        Result r = cc(headers, """
                #include "player.h"
                #include "everything.h"
                #include "Vec3.h"
                int probe(const struct player *p) {
                    return p->hp + PLAYER_SIZE + (int) (PLAYER_FINGERPRINT >> 60) + (int) sizeof(struct everything);
                }
                """);
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void headerWhoseOffsetsDriftFailsItsStaticAssertion(@TempDir Path headers) throws Exception {
        compileWithHeaderDir(headers);
        Path player = headers.resolve("player.h");
        String original = Files.readString(player);
        assertTrue(original.contains("uint8_t _pad0[2];"), original);
        Files.writeString(player, original.replace("uint8_t _pad0[2];", "uint8_t _pad0[6];"));
        Result r = cc(headers, "#include \"player.h\"\n");
        assertNotEquals(0, r.exit());
        assertTrue(r.output().contains("player.session must be at offset 40"), r.output());
    }

    @Test
    void misalignedStructIsDeclaredPackedAndStillExact(@TempDir Path headers) throws Exception {
        Compilation c = Compiled.javac(List.of(), "-Aremotestruct.headerDir=" + headers)
                .compile(Sources.record(13, "@Field(offset = 0, type = CType.INT8) byte tag",
                        "@Field(offset = 1, type = CType.INT64) long value",
                        "@Field(offset = 9, type = CType.FLOAT) float ratio"));
        assertThat(c).succeeded();
        assertThat(c).hadWarningContaining("[RS115] field 'value' at offset 1 is not aligned to 8 bytes");
        String header = Files.readString(headers.resolve("Bad.h"));
        assertTrue(header.contains("struct __attribute__((packed)) Bad {"), header);
        Result r = cc(headers, "#include \"Bad.h\"\nint size(void) { return BAD_SIZE; }\n");
        assertEquals(0, r.exit(), r.output());
    }
}
