package org.remotestruct.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per typed-pointer diagnostic: each on the line of the offending component or attribute. */
class PointerDiagnosticsTest {

    private static JavaFileObject node(String components) {
        return JavaFileObjects.forSourceString("test.Node", "package test;\n" + Sources.IMPORTS
                + "import java.util.List;\nimport org.remotestruct.RemotePointer;\nimport org.remotestruct.RemoteString;\n"
                + "@RemoteStruct\npublic record Node(\n" + components + ") {}\n");
    }

    private static Compilation compile(JavaFileObject... sources) {
        return Compiled.javac(List.of()).compile(sources);
    }

    @Test
    void rs170PointerToANonRecordIsRejectedOnTheToAttribute() {
        JavaFileObject src = node("@Field(type = CType.INT32) int hp,\n"
                + "@Field(type = CType.POINTER, to = Integer.class) RemotePointer<Node> boxed");
        assertThat(compile(src)).hadErrorContaining("[RS170] field 'boxed' points to java.lang.Integer, which is"
                + " not a @RemoteStruct or @RemoteUnion record").inFile(src).onLineContaining("to = Integer.class");
    }

    @Test
    void rs171TypedPointerDeclaredAsLongIsRejected() {
        JavaFileObject src = node("@Field(type = CType.POINTER, to = Node.class) long next");
        assertThat(compile(src)).hadErrorContaining("[RS171] field 'next' is long in Java, but a POINTER to Node"
                + " maps to RemotePointer<Node>").inFile(src).onLineContaining("long next");
    }

    @Test
    void rs171ArrayOfTypedPointersMustBeAList() {
        JavaFileObject src = node("@Field(type = CType.POINTER, to = Node.class, length = 2) RemotePointer<Node> kids");
        assertThat(compile(src)).hadErrorContaining("[RS171] field 'kids' is org.remotestruct.RemotePointer<test.Node>"
                + " in Java, but a POINTER to Node (length 2) maps to List<RemotePointer<Node>>")
                .inFile(src).onLineContaining("RemotePointer<Node> kids");
    }

    @Test
    void rs171PointerToAnotherRecordThanToIsRejected() {
        JavaFileObject other = JavaFileObjects.forSourceString("test.Other", "package test;\n" + Sources.IMPORTS
                + "@RemoteStruct public record Other(@Field(type = CType.INT32) int a) {}\n");
        JavaFileObject src = node("@Field(type = CType.POINTER, to = Other.class) RemotePointer<Node> next");
        assertThat(compile(src, other)).hadErrorContaining("[RS171] field 'next'").inFile(src)
                .onLineContaining("RemotePointer<Node> next");
    }

    @Test
    void rs172PointeeWithoutGeneratedViewIsRejected(@TempDir Path dir) {
        // Lonely is annotated but compiled without the processor, so its view never exists.
        JavaFileObject lonely = JavaFileObjects.forSourceString("test.Lonely", "package test;\n" + Sources.IMPORTS
                + "@RemoteStruct public record Lonely(@Field(type = CType.INT32) int a) {}\n");
        Compilation first = Compiler.javac().compile(lonely);
        assertThat(first).succeeded();
        Compiled.writeClassOutput(first, dir);
        JavaFileObject src = node("@Field(type = CType.POINTER, to = Lonely.class) RemotePointer<Lonely> other");
        Compilation c = Compiled.javac(List.of(dir.toFile())).compile(src);
        assertThat(c).hadErrorContaining("[RS172] field 'other' points to test.Lonely, which has no generated"
                + " test.LonelyRemoteView").inFile(src).onLineContaining("RemotePointer<Lonely> other");
    }

    @Test
    void rs173RemotePointerWithoutToIsRejected() {
        JavaFileObject src = node("@Field(type = CType.POINTER) RemotePointer<Node> next");
        assertThat(compile(src)).hadErrorContaining("[RS173] field 'next' is org.remotestruct.RemotePointer<test.Node>"
                + " in Java, but its @Field is POINTER without to").inFile(src)
                .onLineContaining("RemotePointer<Node> next");
    }

    @Test
    void rs174CharPointerStringWithoutMaxLengthIsRejected() {
        JavaFileObject src = node("@Field(type = CType.POINTER, to = String.class) RemoteString name");
        assertThat(compile(src)).hadErrorContaining("[RS174] char * string 'name' has maxLength = 0; it must be 1 to"
                + " 1048576").inFile(src).onLineContaining("RemoteString name");
    }

    @Test
    void rs171CharPointerStringDeclaredAsStringIsRejected() {
        JavaFileObject src = node("@Field(type = CType.POINTER, to = String.class, maxLength = 8) String name");
        assertThat(compile(src)).hadErrorContaining("[RS171] field 'name' is java.lang.String in Java, but a POINTER"
                + " to char maps to RemoteString").inFile(src).onLineContaining("String name");
    }

    @Test
    void rs126MaxLengthOnAFieldThatIsNotAStringIsRejected() {
        JavaFileObject src = node("@Field(type = CType.INT64, maxLength = 8) long id");
        assertThat(compile(src)).hadErrorContaining("[RS126] field 'id' sets maxLength, but only a char * string")
                .inFile(src).onLineContaining("maxLength = 8");
    }

    @Test
    void rs126ToOnAFieldThatIsNotAPointerIsRejected() {
        JavaFileObject src = node("@Field(type = CType.INT64, to = Node.class) long next");
        assertThat(compile(src)).hadErrorContaining("[RS126] field 'next' sets to, but only a POINTER field points"
                + " to a struct; it is INT64").inFile(src).onLineContaining("to = Node.class");
    }

    @Test
    void rs114ComponentNamedLikeAPointersDereferencingReadClashes() {
        JavaFileObject src = node("@Field(type = CType.POINTER, to = Node.class) RemotePointer<Node> next,\n"
                + "@Field(type = CType.INT32) int nextView");
        assertThat(compile(src)).hadErrorContaining("[RS114] component 'nextView' clashes with readNextView(), the"
                + " dereferencing read of pointer field 'next'").inFile(src).onLineContaining("int nextView");
    }
}
