package org.remotestruct.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code <struct>_check.c} of a record naming an existing header compiles against a header
 * that agrees and fails, naming the field and both values, against one that does not. The same
 * checks run against the processor's own headers for explicit bitfield layouts.
 */
class HeaderCheckTest {

    /** The C declaration the record mirrors; the tests change one thing at a time. */
    private static final String HEADER = """
            #include <stdbool.h>
            #include <stdint.h>
            enum mode { MODE_OFF = 0, MODE_ON = 3 };
            union value { int32_t i; float f; };
            struct gadget {
                uint8_t kind;
                int64_t big;
                unsigned ready : 1;
                int level : 5;
                enum mode mode;
                union value value;
                char label[6];
            };
            """;

    @TempDir
    static Path dir;

    static Compiled compiled;

    @BeforeAll
    static void compile() {
        JavaFileObject value = JavaFileObjects.forSourceString("test.Value", """
                package test;
                import org.remotestruct.annotations.*;
                @RemoteUnion(name = "value")
                public record Value(@Field(type = CType.INT32) int i, @Field(type = CType.FLOAT) float f) {}
                """);
        JavaFileObject gadget = JavaFileObjects.forSourceString("test.Gadget", """
                package test;
                import org.remotestruct.annotations.*;
                @RemoteStruct(name = "gadget", header = "gadget.h")
                public record Gadget(
                        @Field(type = CType.UINT8) int kind,
                        @Field(type = CType.INT64) long big,
                        @Field(type = CType.UINT32, bits = 1) boolean ready,
                        @Field(type = CType.INT32, bits = 5) int level,
                        @Field(type = CType.INT32) Mode mode,
                        @Field(type = CType.STRUCT) Value value,
                        @Field(type = CType.CHAR, length = 6) String label) {
                    public enum Mode { @EnumValue(value = 0, cName = "MODE_OFF") OFF, @EnumValue(value = 3, cName = "MODE_ON") ON }
                }
                """);
        JavaFileObject flags = JavaFileObjects.forSourceString("test.Flags", """
                package test;
                import org.remotestruct.annotations.*;
                @RemoteStruct(size = 8, name = "flags", header = "flags.h")
                public record Flags(
                        @Field(offset = 0, type = CType.UINT8) int tag,
                        @Field(offset = 4, bit = 3, type = CType.UINT32, bits = 2) int low,
                        @Field(offset = 4, bit = 20, type = CType.INT32, bits = 9) int high) {}
                """);
        compiled = Compiled.compile(dir.resolve("classes"), List.of(), value, gadget, flags);
    }

    @Test
    void checkCompilesAgainstAHeaderThatAgrees() throws Exception {
        assertEquals("", cc(HEADER, "gadget"));
    }

    @Test
    void offsetsAndSizesThatDifferNameTheFieldAndBothValues() throws Exception {
        String out = cc(HEADER.replace("int64_t big;", "int32_t big;"), "gadget");
        assertTrue(out.contains("gadget.big: the record's size is 8"), out);
        assertTrue(out.contains("'char (* const)[8]' from incompatible pointer type 'char (*)[4]'")
                || out.contains("‘char (* const)[8]’ from incompatible pointer type ‘char (*)[4]’"), out);
    }

    @Test
    void signednessArrayLengthAndEnumValuesAreChecked() throws Exception {
        String out = cc(HEADER.replace("uint8_t kind;", "int8_t kind;").replace("label[6]", "label[7]")
                .replace("MODE_ON = 3", "MODE_ON = 4"), "gadget");
        assertTrue(out.contains("gadget.kind must be unsigned"), out);
        assertTrue(out.contains("gadget.label: the record's length is 6"), out);
        assertTrue(out.contains("gadget.MODE_ON: the record's value is 3"), out);
    }

    @Test
    void bitfieldPositionAndSignednessAreChecked() throws Exception {
        String out = cc(HEADER.replace("unsigned ready : 1;", "unsigned ready : 2;"), "gadget");
        assertTrue(out.contains("gadget.level: the header's bitfield is not bits 129..133"), out);
        out = cc(HEADER.replace("int level : 5;", "unsigned level : 5;"), "gadget");
        assertTrue(out.contains("gadget.level: the header's bitfield must be signed"), out);
    }

    @Test
    void nestedUnionMembersAreCheckedThroughTheirPath() throws Exception {
        String out = cc(HEADER.replace("union value { int32_t i; float f; };", "union value { int32_t i; double f; };"),
                "gadget");
        assertTrue(out.contains("gadget.value.f: the record's size is 4"), out);
    }

    @Test
    void explicitBitfieldsInTheGeneratedHeaderAreWhereTheRecordSays() throws Exception {
        // The processor's own header for explicit units (filled with unnamed bitfields) must put each
        // bit where the record does: its check file, compiled against it, proves it bit by bit.
        Path include = headers();
        assertEquals("", run(include, "cc", "-std=c11", "-O1", "-Wall", "-Wextra", "-Werror", "-c", "-I", include.toString(),
                "-o", "/dev/null", checkFile("flags").toString()));
    }

    @Test
    void generatedHeadersWithEnumsUnionsAndBitfieldsCompileTogether() throws Exception {
        Path include = headers();
        Path all = include.resolve("all.c");
        Files.writeString(all, "#include \"gadget.h\"\n#include \"flags.h\"\n#include \"value.h\"\n"
                + "_Static_assert(MODE_ON == 3, \"the enum is declared with its values\");\n");
        assertEquals("", run(include, "cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only", all.toString()));
    }

    /** Compiles the check of {@code struct} against {@code header}; returns cc's output, empty on success. */
    private static String cc(String header, String struct) throws Exception {
        Path include = Files.createTempDirectory(dir, "include");
        Files.writeString(include.resolve(struct + ".h"), header);
        return run(include, "cc", "-std=c11", "-O1", "-Wall", "-Wextra", "-Werror", "-c", "-I", include.toString(),
                "-o", "/dev/null", checkFile(struct).toString());
    }

    private static Path checkFile(String struct) throws IOException {
        Path file = dir.resolve(struct + "_check.c");
        if (!Files.exists(file)) {
            try (InputStream in = compiled.loader.getResourceAsStream("remotestruct/check/" + struct + "_check.c")) {
                Files.write(file, in.readAllBytes());
            }
        }
        return file;
    }

    /** The generated headers, in one directory. */
    private static Path headers() throws IOException {
        Path include = Files.createTempDirectory(dir, "generated");
        for (String name : List.of("flags.h", "gadget.h", "value.h")) {
            try (InputStream in = compiled.loader.getResourceAsStream("remotestruct/include/" + name)) {
                Files.write(include.resolve(name), in.readAllBytes());
            }
        }
        return include;
    }

    private static String run(Path dir, String... command) throws Exception {
        List<String> all = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(all).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "cc timed out");
        return p.exitValue() == 0 ? "" : out.isEmpty() ? "exit " + p.exitValue() : out;
    }
}
