package org.remotestruct.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.remotestruct.processor.DiagnosticsTest.compile;
import static org.remotestruct.processor.DiagnosticsTest.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per diagnostic of automatic layout, bitfields, enums and unions, on the offending line. */
class LayoutDiagnosticsTest {

    @Test
    void rs122SomeFieldsGiveOffsetsAndOthersDoNot() {
        JavaFileObject src = source("Mixed", """
                @RemoteStruct
                public record Mixed(
                        @Field(offset = 0, type = CType.INT32) int hp,
                        @Field(type = CType.INT32) int mana) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS122] field 'mana' gives no offset, but field 'hp' gives offset 0")
                .inFile(src).onLineContaining("int mana");
    }

    @Test
    void rs122ExplicitBitfieldWithoutItsBit() {
        JavaFileObject src = source("NoBit", """
                @RemoteStruct
                public record NoBit(
                        @Field(offset = 0, type = CType.UINT32, bits = 3) int flags) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS122] field 'flags' gives offset 0, but field 'flags' gives no bit")
                .inFile(src).onLineContaining("int flags");
    }

    @Test
    void rs123GivenSizeDiffersFromTheComputedOne() {
        JavaFileObject src = source("Small", """
                @RemoteStruct(size = 6)
                public record Small(
                        @Field(type = CType.INT8) byte a,
                        @Field(type = CType.INT32) int b) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS123] size = 6, but C lays out struct Small in 8 bytes (alignment 4)")
                .inFile(src).onLineContaining("size = 6");
    }

    @Test
    void rs124PackThatIsNotAPowerOfTwo() {
        JavaFileObject src = source("Packed", """
                @RemoteStruct(pack = 3)
                public record Packed(@Field(type = CType.INT32) int a) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS124] pack = 3 is not 1, 2, 4, 8 or 16")
                .inFile(src).onLineContaining("pack = 3");
    }

    @Test
    void rs125AlignThatIsNotAPowerOfTwo() {
        JavaFileObject src = source("Aligned", """
                @RemoteStruct
                public record Aligned(
                        @Field(type = CType.INT32, align = 6) int a) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS125] field 'a' align = 6 is not a power of two")
                .inFile(src).onLineContaining("int a");
    }

    @Test
    void rs126AlignWithExplicitOffsets() {
        JavaFileObject src = source("Both", """
                @RemoteStruct(size = 8)
                public record Both(
                        @Field(offset = 0, type = CType.INT32, align = 8) int a) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS126] field 'a' sets align, but only automatic layout places")
                .inFile(src).onLineContaining("int a");
    }

    @Test
    void rs127BitfieldOfAFloat() {
        JavaFileObject src = source("FloatBits", """
                @RemoteStruct
                public record FloatBits(
                        @Field(type = CType.FLOAT, bits = 3) float f) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS127] bitfield 'f' is FLOAT; a bitfield is one integer or BOOL")
                .inFile(src).onLineContaining("float f");
    }

    @Test
    void rs128BitfieldWiderThanItsType() {
        JavaFileObject src = source("Wide", """
                @RemoteStruct
                public record Wide(
                        @Field(type = CType.UINT8, bits = 9) int flags) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS128] bitfield 'flags' is 9 bits wide, but uint8_t holds 1 to 8 bits")
                .inFile(src).onLineContaining("int flags");
    }

    @Test
    void rs129ExplicitBitOutsideItsUnit() {
        JavaFileObject src = source("Outside", """
                @RemoteStruct(size = 4)
                public record Outside(
                        @Field(offset = 0, bit = 30, type = CType.UINT32, bits = 4) int flags) {}
                """);
        assertThat(compile(src)).hadErrorContaining(
                "[RS129] bitfield 'flags' at bit 30 (4 bits) does not fit the 32-bit storage unit of uint32_t at offset 0")
                .inFile(src).onLineContaining("int flags");
    }

    @Test
    void rs130EnumOverAFloat() {
        JavaFileObject src = source("Floaty", """
                @RemoteStruct
                public record Floaty(@Field(type = CType.FLOAT) State state) {
                    public enum State { @EnumValue(0) IDLE }
                }
                """);
        assertThat(compile(src)).hadErrorContaining("[RS130] field 'state' maps enum test.Floaty.State to FLOAT")
                .inFile(src).onLineContaining("State state");
    }

    @Test
    void rs131EnumConstantWithoutValueAndDuplicateValues() {
        JavaFileObject src = source("Dup", """
                @RemoteStruct
                public record Dup(@Field(type = CType.INT32) State state) {
                    public enum State { @EnumValue(0) IDLE, @EnumValue(0) ALIVE, DEAD }
                }
                """);
        Compilation c = compile(src);
        assertThat(c).hadErrorContaining("[RS131] field 'state' maps enum test.Dup.State, whose constant ALIVE has value 0,"
                + " as IDLE does").inFile(src).onLineContaining("State state");
        assertThat(c).hadErrorContaining("whose constant DEAD has no @EnumValue").inFile(src)
                .onLineContaining("State state");
    }

    @Test
    void rs132EnumValueOutsideTheCType() {
        JavaFileObject src = source("Big", """
                @RemoteStruct
                public record Big(@Field(type = CType.UINT8) State state) {
                    public enum State { @EnumValue(300) HUGE }
                }
                """);
        assertThat(compile(src)).hadErrorContaining("[RS132] enum test.Big.State constant HUGE = 300 does not fit field"
                + " 'state' (UINT8, 0..255)").inFile(src).onLineContaining("State state");
    }

    @Test
    void rs133UnknownConstantAskedForButNotDeclared() {
        JavaFileObject src = source("Lenient", """
                @RemoteStruct
                public record Lenient(@Field(type = CType.INT32, onUnknown = OnUnknown.UNKNOWN_CONSTANT) State state) {
                    public enum State { @EnumValue(0) IDLE }
                }
                """);
        assertThat(compile(src)).hadErrorContaining("[RS133] field 'state' decodes unknown values to a constant, but enum"
                + " test.Lenient.State has no @EnumValue.Unknown constant").inFile(src).onLineContaining("State state");
    }

    @Test
    void rs134UnionMemberWithAnOffset() {
        JavaFileObject src = source("Value", """
                @RemoteUnion
                public record Value(
                        @Field(type = CType.INT32) int i,
                        @Field(offset = 4, type = CType.FLOAT) float f) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS134] union member 'f' has offset 4")
                .inFile(src).onLineContaining("float f");
    }

    @Test
    void rs135WritableUnionField() {
        JavaFileObject union = source("Value", """
                @RemoteUnion
                public record Value(@Field(type = CType.INT32, writable = true) int i,
                        @Field(type = CType.FLOAT, writable = true) float f) {}
                """);
        JavaFileObject src = source("Holder", """
                @RemoteStruct
                public record Holder(@Field(type = CType.STRUCT, writable = true) Value value) {}
                """);
        assertThat(compile(union, src)).hadErrorContaining("[RS135] field 'value' holds union Value and is writable")
                .inFile(src).onLineContaining("Value value");
    }

    @Test
    void rs136RecordThatIsBothStructAndUnion() {
        JavaFileObject src = source("Both", """
                @RemoteStruct
                @RemoteUnion
                public record Both(@Field(type = CType.INT32) int i) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS136] record 'Both' is annotated both @RemoteStruct and @RemoteUnion")
                .inFile(src).onLineContaining("record Both");
    }

    @Test
    void rs137HeaderThatCannotBeIncluded() {
        JavaFileObject src = source("Quoted", """
                @RemoteStruct(header = "game\\"player.h")
                public record Quoted(@Field(type = CType.INT32) int i) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS137] header \"game\"player.h\" cannot be written in #include")
                .inFile(src).onLineContaining("header =");
    }

    @Test
    void rs104OverlappingBitsOfOneExplicitUnit() {
        JavaFileObject src = source("Clash", """
                @RemoteStruct(size = 4)
                public record Clash(
                        @Field(offset = 0, bit = 0, type = CType.UINT32, bits = 4) int low,
                        @Field(offset = 0, bit = 3, type = CType.UINT32, bits = 4) int high) {}
                """);
        assertThat(compile(src)).hadErrorContaining("[RS104] field 'high' (offset 0, 4 bytes) overlaps 'low'")
                .inFile(src).onLineContaining("int high");
    }

    @Test
    void rs126AnonymousUnionPackedUnlikeItsStruct() {
        JavaFileObject union = source("Value", """
                @RemoteUnion(pack = 1)
                public record Value(@Field(type = CType.INT32) int i) {}
                """);
        JavaFileObject src = source("Holder", """
                @RemoteStruct
                public record Holder(@Field(type = CType.STRUCT, anonymous = true) Value value) {}
                """);
        assertThat(compile(union, src)).hadErrorContaining("[RS126] field 'value' sets anonymous, but C packs an"
                + " anonymous union like the struct around it (pack = 0)").inFile(src).onLineContaining("Value value");
    }

    @Test
    void rs114AnonymousUnionMemberClashesWithAStructMember() {
        JavaFileObject union = source("Value", """
                @RemoteUnion
                public record Value(@Field(type = CType.INT32) int hp) {}
                """);
        JavaFileObject src = source("Holder", """
                @RemoteStruct
                public record Holder(@Field(type = CType.INT32) int hp,
                        @Field(type = CType.STRUCT, anonymous = true) Value value) {}
                """);
        assertThat(compile(union, src)).hadErrorContaining("[RS114] component 'value' clashes with member 'hp' of the C"
                + " struct, which 'hp' declares too").inFile(src).onLineContaining("Value value");
    }

    @Test
    void rs114ComponentClashingWithTheRawReadOfAnEnumField() {
        JavaFileObject src = source("Raw", """
                @RemoteStruct
                public record Raw(@Field(type = CType.INT32) State state, @Field(type = CType.INT32) int stateRaw) {
                    public enum State { @EnumValue(0) IDLE }
                }
                """);
        assertThat(compile(src)).hadErrorContaining("[RS114] component 'stateRaw' clashes with readStateRaw(), the raw"
                + " read of enum field 'state'").inFile(src).onLineContaining("public record Raw");
    }
}
