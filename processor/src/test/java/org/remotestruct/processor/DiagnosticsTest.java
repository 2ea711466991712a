package org.remotestruct.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per diagnostic ID: each bad record gets its error, on the line of the offending component. */
class DiagnosticsTest {

    static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new RemoteStructProcessor()).compile(sources);
    }

    static JavaFileObject source(String name, String body) {
        return JavaFileObjects.forSourceString("test." + name, "package test;\n" + Sources.IMPORTS
                + "import java.util.List;\n" + body);
    }

    @Test
    void rs100AnnotatedClassIsNotARecord() {
        JavaFileObject src = source("Plain", "@RemoteStruct(size = 4)\npublic class Plain {}\n");
        assertThat(compile(src)).hadErrorContaining("[RS100] @RemoteStruct is on class 'Plain'")
                .inFile(src).onLineContaining("class Plain");
    }

    @Test
    void rs101PrivateNestedRecordCannotBeUsedByTheView() {
        JavaFileObject src = source("Outer", """
                public class Outer {
                    @RemoteStruct(size = 4)
                    private record Inner(@Field(offset = 0, type = CType.INT32) int a) {}
                }
                """);
        assertThat(compile(src)).hadErrorContaining("[RS101] record 'Inner' is private")
                .inFile(src).onLineContaining("private record Inner");
    }

    @Test
    void rs102SizeMustBePositive() {
        JavaFileObject src = source("Empty", """
                @RemoteStruct(size = 0)
                public record Empty(@Field(offset = 0, type = CType.INT8) byte a) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS102] struct size must be positive, was 0")
                .inFile(src).onLineContaining("size = 0");
    }

    @Test
    void rs103ComponentWithoutField() {
        JavaFileObject src = Sources.record(8, "@Field(offset = 0, type = CType.INT32) int hp", "int missing");
        assertThat(compile(src)).hadErrorContaining("[RS103] record component 'missing' has no @Field")
                .inFile(src).onLineContaining("int missing");
    }

    @Test
    void rs104OverlappingFields() {
        JavaFileObject src = Sources.record(32, "@Field(offset = 0, type = CType.INT32) int hp",
                "@Field(offset = 2, type = CType.CHAR, length = 16) String name");
        assertThat(compile(src))
                .hadErrorContaining("[RS104] field 'name' (offset 2, 16 bytes) overlaps 'hp' (offset 0, 4 bytes)")
                .inFile(src).onLineContaining("String name");
    }

    @Test
    void overlapIsReportedInTheSameCompilationAsAWrongJavaTypeOnEitherField() {
        JavaFileObject src = Sources.record(32, "@Field(offset = 0, type = CType.UINT32) int id",
                "@Field(offset = 2, type = CType.CHAR, length = 16) int name");
        Compilation c = compile(src);
        assertThat(c).hadErrorContaining("[RS108] field 'id' is int in Java but UINT32 in C")
                .inFile(src).onLineContaining("int id");
        assertThat(c).hadErrorContaining("[RS109] CHAR field 'name' is int in Java").inFile(src)
                .onLineContaining("int name");
        assertThat(c).hadErrorContaining("[RS104] field 'name' (offset 2, 16 bytes) overlaps 'id' (offset 0, 4 bytes)")
                .inFile(src).onLineContaining("int name");
    }

    @Test
    void rs105NegativeOffset() {
        JavaFileObject src = Sources.record(8, "@Field(offset = -4, type = CType.INT32) int hp");
        assertThat(compile(src)).hadErrorContaining("[RS105] field 'hp' has negative offset -4")
                .inFile(src).onLineContaining("int hp");
    }

    @Test
    void rs106FieldRunsPastTheEnd() {
        JavaFileObject src = Sources.record(12, "@Field(offset = 8, type = CType.INT64) long big");
        assertThat(compile(src))
                .hadErrorContaining("[RS106] field 'big' (offset 8, 8 bytes) ends at 16, past the end of struct Bad (12 bytes)")
                .inFile(src).onLineContaining("long big");
    }

    @Test
    void rs106ArrayWhoseByteLengthOverflowsAnIntIsPastTheEndNotWrappedInside() {
        // 0x20000001 * 8 bytes wraps a 32-bit int to 8, which used to fit the 16-byte struct
        JavaFileObject src = Sources.record(16, "@Field(offset = 0, type = CType.INT64, length = 0x20000001) long[] huge");
        assertThat(compile(src))
                .hadErrorContaining("[RS106] field 'huge' (offset 0, 4294967304 bytes) ends at 4294967304")
                .inFile(src).onLineContaining("long[] huge");
    }

    @Test
    void rs106OffsetNearIntMaxIsPastTheEndNotWrappedNegative() {
        JavaFileObject src = Sources.record(16, "@Field(offset = 2147483644, type = CType.INT32, length = 2) int[] far");
        assertThat(compile(src))
                .hadErrorContaining("[RS106] field 'far' (offset 2147483644, 8 bytes) ends at 2147483652")
                .inFile(src).onLineContaining("int[] far");
    }

    @Test
    void rs107LengthBelowOne() {
        JavaFileObject src = Sources.record(8, "@Field(offset = 0, type = CType.INT32, length = 0) int[] none");
        assertThat(compile(src)).hadErrorContaining("[RS107] field 'none' has length 0")
                .inFile(src).onLineContaining("int[] none");
    }

    @Test
    void rs108JavaTypeDoesNotFitAndTheMessageSaysWhichWould() {
        JavaFileObject src = Sources.record(16, "@Field(offset = 0, type = CType.INT32) long hp",
                "@Field(offset = 4, type = CType.UINT8) byte level",
                "@Field(offset = 8, type = CType.UINT32, length = 2) int[] ids");
        Compilation c = compile(src);
        assertThat(c).hadErrorContaining("[RS108] field 'hp' is long in Java but INT32 in C; use int")
                .inFile(src).onLineContaining("long hp");
        assertThat(c).hadErrorContaining("field 'level' is byte in Java but UINT8 in C; use short or int")
                .inFile(src).onLineContaining("byte level");
        assertThat(c).hadErrorContaining("field 'ids' is int[] in Java but UINT32[2] in C; use long[]")
                .inFile(src).onLineContaining("int[] ids");
    }

    @Test
    void rs109CharOnANonTextType() {
        JavaFileObject src = Sources.record(8, "@Field(offset = 0, type = CType.CHAR, length = 4) int letters");
        assertThat(compile(src)).hadErrorContaining("[RS109] CHAR field 'letters' is int in Java")
                .inFile(src).onLineContaining("int letters");
    }

    @Test
    void rs110StructWhoseTypeIsNotARemoteStruct() {
        JavaFileObject src = source("Holder", """
                @RemoteStruct(size = 16)
                public record Holder(
                        @Field(offset = 0, type = CType.STRUCT) Plain plain,
                        @Field(offset = 8, type = CType.STRUCT, length = 2) int pair) {}
                record Plain(int a) {}
                """);
        Compilation c = compile(src);
        assertThat(c).hadErrorContaining("[RS110] STRUCT field 'plain' is test.Plain, which has no @RemoteStruct")
                .inFile(src).onLineContaining("Plain plain");
        assertThat(c).hadErrorContaining("STRUCT field 'pair' is int; it must be a List of @RemoteStruct records")
                .inFile(src).onLineContaining("int pair");
    }

    @Test
    void rs111NestedStructDoesNotFit() {
        JavaFileObject src = source("Holder", """
                @RemoteStruct(size = 16)
                public record Holder(@Field(offset = 8, type = CType.STRUCT) Vec3 pos) {}
                """);
        assertThat(compile(src, Sources.vec3Test()))
                .hadErrorContaining("[RS111] nested struct Vec3 (12 bytes x 1) in field 'pos' at offset 8 needs 12 bytes,"
                        + " but struct Holder has only 8 from there")
                .inFile(src).onLineContaining("Vec3 pos");
    }

    @Test
    void rs112UnknownCharset() {
        JavaFileObject src = Sources.record(8,
                "@Field(offset = 0, type = CType.CHAR, length = 8, charset = \"NOPE-1\") String name");
        assertThat(compile(src)).hadErrorContaining("[RS112] field 'name' names charset \"NOPE-1\"")
                .inFile(src).onLineContaining("String name");
    }

    @Test
    void rs113CharsetThatCannotEndAtNul() {
        JavaFileObject src = Sources.record(8,
                "@Field(offset = 0, type = CType.CHAR, length = 8, charset = \"UTF-16\") String name");
        assertThat(compile(src)).hadErrorContaining("[RS113] field 'name' uses charset UTF-16")
                .inFile(src).onLineContaining("String name");
    }

    @Test
    void rs114ComponentNamesThatClashWithGeneratedMembers() {
        JavaFileObject src = Sources.record(16, "@Field(offset = 0, type = CType.INT32) int array",
                "@Field(offset = 4, type = CType.INT32, writable = true) int apply",
                "@Field(offset = 8, type = CType.INT16) short maxHp",
                "@Field(offset = 10, type = CType.INT16) short max_hp");
        Compilation c = compile(src);
        assertThat(c).hadErrorContaining("[RS114] component 'array' clashes with the static method readArray")
                .inFile(src).onLineContaining("int array");
        assertThat(c).hadErrorContaining("component 'apply' clashes with the method Writer.apply()")
                .inFile(src).onLineContaining("int apply");
        assertThat(c).hadErrorContaining("component 'max_hp' clashes with component 'maxHp' (both would generate MAX_HP_OFFSET)")
                .inFile(src).onLineContaining("short max_hp");
    }

    @Test
    void rs115MisalignedFieldIsOnlyAWarning() {
        JavaFileObject src = Sources.record(8, "@Field(offset = 1, type = CType.INT32) int odd");
        Compilation c = compile(src);
        assertThat(c).succeeded();
        assertThat(c).hadWarningContaining("[RS115] field 'odd' at offset 1 is not aligned to 4 bytes")
                .inFile(src).onLineContaining("int odd");
        assertThat(c).generatedSourceFile("test.BadRemoteView");
    }

    @Test
    void rs116NestedStructCompiledWithoutTheProcessor(@TempDir Path dir) {
        Compilation plain = Compiler.javac().withProcessors().compile(Sources.vec3Test());
        assertThat(plain).succeeded();
        Path classes = Compiled.writeClassOutput(plain, dir);
        JavaFileObject src = source("Holder", """
                @RemoteStruct(size = 12)
                public record Holder(@Field(offset = 0, type = CType.STRUCT) Vec3 pos) {}
                """);
        Compilation c = Compiled.javac(List.of(classes.toFile())).compile(src);
        assertThat(c).hadErrorContaining("[RS116] nested struct test.Vec3 has no generated test.Vec3RemoteView")
                .inFile(src).onLineContaining("Vec3 pos");
    }

    @Test
    void rs117StructContainingItself() {
        JavaFileObject src = source("Node", """
                @RemoteStruct(size = 8)
                public record Node(@Field(offset = 0, type = CType.STRUCT) Node next) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS117] field 'next' nests struct test.Node inside itself")
                .inFile(src).onLineContaining("Node next");
    }

    @Test
    void rs118NamesThatAreNotCIdentifiers() {
        JavaFileObject src = source("Dashed", """
                @RemoteStruct(size = 8, name = "my-struct")
                public record Dashed(@Field(offset = 0, type = CType.INT32) int union) {}
                """);
        Compilation c = compile(src);
        assertThat(c).hadErrorContaining("[RS118] struct name 'my-struct' is not a valid C identifier")
                .inFile(src).onLineContaining("my-struct");
        assertThat(c).hadErrorContaining("[RS118] member name 'union' is not a valid C identifier")
                .inFile(src).onLineContaining("int union");
    }

    @Test
    void rs119TwoRecordsWithOneStructName() {
        JavaFileObject a = source("A", """
                @RemoteStruct(size = 4, name = "dup")
                public record A(@Field(offset = 0, type = CType.INT32) int a) {}
                """);
        JavaFileObject b = source("B", """
                @RemoteStruct(size = 4, name = "dup")
                public record B(@Field(offset = 0, type = CType.INT32) int b) {}
                """);
        assertThat(compile(a, b)).hadErrorContaining("[RS119] struct name 'dup' is already used by test.A")
                .inFile(b).onLineContaining("name = \"dup\"");
    }

    @Test
    void rs120NestedStructWithErrors() {
        JavaFileObject inner = source("Inner", """
                @RemoteStruct(size = 4)
                public record Inner(@Field(offset = 0, type = CType.INT64) long tooBig) {}
                """);
        JavaFileObject outer = source("Outer", """
                @RemoteStruct(size = 8)
                public record Outer(@Field(offset = 0, type = CType.STRUCT) Inner inner) {}
                """);
        Compilation c = compile(inner, outer);
        assertThat(c).hadErrorContaining("[RS106]").inFile(inner).onLineContaining("long tooBig");
        assertThat(c).hadErrorContaining("[RS120] field 'inner' nests struct test.Inner, which has errors")
                .inFile(outer).onLineContaining("Inner inner");
    }

    @Test
    void rs121UnwritableHeaderDirectory(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        JavaFileObject src = Sources.record(4, "@Field(offset = 0, type = CType.INT32) int a");
        Compilation c = Compiler.javac().withProcessors(new RemoteStructProcessor())
                .withOptions("-Aremotestruct.headerDir=" + notADirectory.resolve("include"))
                .compile(src);
        assertThat(c).hadErrorContaining("[RS121] cannot write " + notADirectory.resolve("include").resolve("Bad.h"))
                .inFile(src).onLineContaining("record Bad");
    }

    @Test
    void oneBadRecordDoesNotStopTheOthers(@TempDir Path dir) {
        JavaFileObject bad = Sources.record(4, "@Field(offset = 0, type = CType.INT64) long big");
        // compile-testing hides generated files of a failed compilation; headers in a real directory show
        // which records reached generation.
        Compilation c = Compiler.javac().withProcessors(new RemoteStructProcessor())
                .withOptions("-Aremotestruct.headerDir=" + dir).compile(bad, Sources.vec3());
        assertThat(c).hadErrorCount(1);
        assertTrue(Files.exists(dir.resolve("Vec3.h")), "the valid record is still generated");
        assertFalse(Files.exists(dir.resolve("Bad.h")), "the invalid record is not");
    }
}
