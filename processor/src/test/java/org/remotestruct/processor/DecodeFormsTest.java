package org.remotestruct.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.remotestruct.processor.GeneratedViewTest.component;

import com.google.testing.compile.JavaFileObjects;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemotePointer;
import org.remotestruct.RemoteString;
import org.remotestruct.StructType;

/**
 * Generated {@code decode} has two forms, {@code decode(byte[], int)} and
 * {@code decode(ByteBuffer, int)}, the latter reading a heap buffer's array in place and copying a
 * direct buffer's struct out first. Every field kind must decode to the same values whichever way
 * the bytes arrive, and to the values the bytes mean.
 */
class DecodeFormsTest {

    @TempDir
    static Path dir;

    static StructType<Record> kinds;
    static MethodHandle decodeBytes;

    @BeforeAll
    static void compile() throws ReflectiveOperationException {
        Compiled c = Compiled.compile(dir, List.of(), JavaFileObjects.forSourceString("forms.Kinds", """
                package forms;
                import java.util.List;
                import org.remotestruct.RemotePointer;
                import org.remotestruct.RemoteString;
                import org.remotestruct.annotations.*;

                @RemoteStruct(name = "kinds")
                public record Kinds(
                        @Field(type = CType.INT8) byte i8,
                        @Field(type = CType.UINT8) short u8s,
                        @Field(type = CType.UINT8) int u8i,
                        @Field(type = CType.BOOL) boolean flag,
                        @Field(type = CType.INT16) short i16,
                        @Field(type = CType.UINT16) int u16,
                        @Field(type = CType.INT32) int i32,
                        @Field(type = CType.UINT32) long u32,
                        @Field(type = CType.INT64) long i64,
                        @Field(type = CType.UINT64) long u64,
                        @Field(type = CType.FLOAT) float f32,
                        @Field(type = CType.DOUBLE) double f64,
                        @Field(type = CType.POINTER) long address,
                        @Field(type = CType.CHAR, length = 12) String utf8,
                        @Field(type = CType.CHAR, length = 9, charset = "US-ASCII") String noNul,
                        @Field(type = CType.CHAR, length = 8, charset = "ISO-8859-1") String latin,
                        @Field(type = CType.CHAR, length = 6, charset = "windows-1252") String cp1252,
                        @Field(type = CType.CHAR, length = 10) String empty,
                        @Field(type = CType.CHAR, length = 4) String malformed,
                        @Field(type = CType.CHAR, length = 5) byte[] chars,
                        @Field(type = CType.INT8, length = 3) byte[] i8s,
                        @Field(type = CType.UINT8, length = 3) short[] u8ss,
                        @Field(type = CType.UINT8, length = 3) int[] u8is,
                        @Field(type = CType.INT16, length = 3) short[] i16s,
                        @Field(type = CType.UINT16, length = 3) int[] u16s,
                        @Field(type = CType.INT32, length = 3) int[] i32s,
                        @Field(type = CType.UINT32, length = 3) long[] u32s,
                        @Field(type = CType.INT64, length = 3) long[] i64s,
                        @Field(type = CType.UINT64, length = 2) long[] u64s,
                        @Field(type = CType.FLOAT, length = 3) float[] f32s,
                        @Field(type = CType.DOUBLE, length = 3) double[] f64s,
                        @Field(type = CType.BOOL, length = 3) boolean[] flags,
                        @Field(type = CType.UINT32, bits = 3) int low,
                        @Field(type = CType.INT32, bits = 7) int delta,
                        @Field(type = CType.UINT32, bits = 1) boolean ready,
                        @Field(type = CType.UINT8, bits = 2, newUnit = true) Mode mode,
                        @Field(type = CType.INT32) Mode kind,
                        @Field(type = CType.STRUCT) Inner inner,
                        @Field(type = CType.STRUCT, length = 2) List<Inner> inners,
                        @Field(type = CType.POINTER, to = Inner.class) RemotePointer<Inner> next,
                        @Field(type = CType.POINTER, to = Inner.class, length = 2) List<RemotePointer<Inner>> nexts,
                        @Field(type = CType.POINTER, to = String.class, maxLength = 16) RemoteString label) {
                    public enum Mode { @EnumValue(0) OFF, @EnumValue(1) ON, @EnumValue(2) AUTO }
                }
                """), JavaFileObjects.forSourceString("forms.Inner", """
                package forms;
                import org.remotestruct.annotations.*;

                @RemoteStruct(name = "inner")
                public record Inner(
                        @Field(type = CType.INT16) short a,
                        @Field(type = CType.CHAR, length = 7) String s,
                        @Field(type = CType.INT8, bits = 4) int nibble) {
                }
                """));
        kinds = GeneratedViewTest.type("forms.KindsRemoteView", c);
        Class<?> view = c.load("forms.KindsRemoteView");
        decodeBytes = MethodHandles.publicLookup().findStatic(view, "decode",
                MethodType.methodType(kinds.recordType(), byte[].class, int.class));
    }

    /** The struct's bytes: random, with the strings, enums and nested strings set to the cases under test. */
    static byte[] fixture() {
        byte[] bytes = new byte[kinds.size()];
        new Random(11).nextBytes(bytes);
        put(bytes, "utf8", "h\u00e9llo\u2192".getBytes(StandardCharsets.UTF_8), 12); // 9 bytes, NUL at 9
        put(bytes, "noNul", "abcdefghi".getBytes(StandardCharsets.US_ASCII), 9); // fills all 9: no NUL
        put(bytes, "latin", new byte[] {(byte) 0xe9, 'x', (byte) 0xff, 0, 'z'}, 8);
        put(bytes, "cp1252", new byte[] {(byte) 0x80, 'a', 0, 'q'}, 6); // 0x80 is the euro sign
        put(bytes, "empty", new byte[] {0, 'n', 'o', 't'}, 10); // NUL at byte 0
        put(bytes, "malformed", new byte[] {'a', (byte) 0xff, (byte) 0xc3, 0}, 4);
        FieldLayout mode = kinds.layout().field("mode");
        bytes[mode.offset()] = (byte) (2 << mode.bitOffset()); // AUTO, the rest of its unit 0
        ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).putInt(kinds.layout().field("kind").offset(), 1);
        FieldLayout inners = kinds.layout().field("inners");
        int innerS = inners.nested().field("s").offset();
        put(bytes, kinds.layout().field("inner").offset() + innerS, "n\u00fc".getBytes(StandardCharsets.UTF_8), 7);
        put(bytes, inners.offset() + innerS, "first".getBytes(StandardCharsets.UTF_8), 7);
        put(bytes, inners.offset() + inners.elementSize() + innerS, "seventh".getBytes(StandardCharsets.UTF_8), 7);
        return bytes;
    }

    private static void put(byte[] to, String field, byte[] value, int length) {
        put(to, kinds.layout().field(field).offset(), value, length);
    }

    private static void put(byte[] to, int at, byte[] value, int length) {
        Arrays.fill(to, at, at + length, (byte) 0);
        System.arraycopy(value, 0, to, at, Math.min(value.length, length));
    }

    private static Record fromBytes(byte[] bytes, int offset) {
        try {
            return (Record) decodeBytes.invoke(bytes, offset);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static ByteBuffer direct(byte[] struct, int at) {
        ByteBuffer b = ByteBuffer.allocateDirect(at + struct.length + 7).order(ByteOrder.nativeOrder());
        b.put(at, struct);
        return b;
    }

    /** A heap buffer whose array starts 13 bytes before the buffer, the struct at {@code at} of the buffer. */
    private static ByteBuffer heapSlice(byte[] struct, int at) {
        byte[] backing = new byte[13 + at + struct.length + 5];
        System.arraycopy(struct, 0, backing, 13 + at, struct.length);
        ByteBuffer b = ByteBuffer.wrap(backing).position(13).slice().order(ByteOrder.nativeOrder());
        assertEquals(13, b.arrayOffset());
        return b;
    }

    @Test
    void everyFieldKindDecodesAlikeFromAnArrayAHeapBufferAndADirectBuffer() {
        byte[] struct = fixture();
        byte[] shifted = new byte[17 + struct.length];
        System.arraycopy(struct, 0, shifted, 17, struct.length);
        Record expected = fromBytes(shifted, 17);

        assertSameValues(expected, fromBytes(struct, 0));
        assertSameValues(expected, kinds.decode(direct(struct, 24), 24));
        assertSameValues(expected, kinds.decode(heapSlice(struct, 5), 5));
        ByteBuffer readOnly = heapSlice(struct, 3).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
        assertFalse(readOnly.hasArray());
        assertSameValues(expected, kinds.decode(readOnly, 3));
    }

    @Test
    void decodedValuesAreWhatTheBytesMean() {
        Record r = fromBytes(fixture(), 0);
        assertEquals("h\u00e9llo\u2192", component(r, "utf8"));
        assertEquals("abcdefghi", component(r, "noNul"), "a string filling its array has no NUL");
        assertEquals("\u00e9x\u00ff", component(r, "latin"));
        assertEquals("\u20aca", component(r, "cp1252"));
        assertEquals("", component(r, "empty"));
        assertEquals("a\ufffd\ufffd", component(r, "malformed"));
        assertEquals("AUTO", component(r, "mode").toString());
        assertEquals("ON", component(r, "kind").toString());
        assertEquals("n\u00fc", component((Record) component(r, "inner"), "s"));
        List<?> inners = (List<?>) component(r, "inners");
        assertEquals("first", component((Record) inners.get(0), "s"));
        assertEquals("seventh", component((Record) inners.get(1), "s"));
        RemotePointer<?> next = (RemotePointer<?>) component(r, "next");
        assertEquals("inner", next.type().name());
        RemoteString label = (RemoteString) component(r, "label");
        assertEquals(16, label.maxLength());
        assertEquals(StandardCharsets.UTF_8, label.charset());
    }

    /**
     * {@code decodeToMap} reads a direct buffer with plain {@code ByteBuffer} gets, an independent
     * reading of the same bytes: every scalar, array, string and bitfield must match it.
     */
    @Test
    void arrayDecodeAgreesWithTheBufferGetsOfDecodeToMap() {
        byte[] struct = fixture();
        Record r = fromBytes(struct, 0);
        Map<String, Object> map = kinds.decodeToMap(direct(struct, 0), 0);
        int compared = 0;
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object value = component(r, c.getName());
            Object mapped = map.get(c.getName());
            if (value instanceof Enum<?> e) {
                assertEquals(e, mapped, c.getName());
            } else if (value instanceof RemotePointer<?> p) {
                assertEquals(p.address(), mapped, c.getName());
            } else if (value instanceof RemoteString s) {
                assertEquals(s.address(), mapped, c.getName());
            } else if (!(value instanceof List<?> || value instanceof Record)) {
                assertTrue(Objects.deepEquals(value, mapped), c.getName() + ": " + value + " vs " + mapped);
                compared++;
            }
        }
        assertEquals(35, compared, "every scalar, array, string and bitfield compared");
    }

    @Test
    void decodeAllGivesWhatDecodeGivesFromDirectAndHeapBuffers() {
        byte[] struct = fixture();
        int size = struct.length;
        byte[] other = fixture();
        other[kinds.layout().field("i32").offset()] ^= 0x5a;
        ByteBuffer direct = ByteBuffer.allocateDirect(3 * size + 8).order(ByteOrder.nativeOrder());
        direct.put(8, struct).put(8 + 2 * size, other);
        ByteBuffer heap = heapSlice(new byte[3 * size + 8], 0);
        heap.put(8, struct).put(8 + 2 * size, other);
        int[] offsets = {8 + 2 * size, 8};
        for (ByteBuffer b : List.of(direct, heap)) {
            Record[] out = (Record[]) Array.newInstance(kinds.recordType(), 2);
            kinds.decodeAll(b, offsets, out, 2);
            assertSameValues(fromBytes(other, 0), out[0]);
            assertSameValues(fromBytes(struct, 0), out[1]);
        }
    }

    @Test
    void aStructRunningPastTheBufferLimitIsRefusedFromHeapAndDirectBuffers() {
        byte[] struct = fixture();
        ByteBuffer direct = direct(struct, 0).limit(struct.length - 1);
        assertThrows(IndexOutOfBoundsException.class, () -> kinds.decode(direct, 0));
        ByteBuffer heap = heapSlice(struct, 0).limit(struct.length - 1);
        assertThrows(IndexOutOfBoundsException.class, () -> kinds.decode(heap, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> fromBytes(Arrays.copyOf(struct, struct.length - 1), 0));
    }

    /** Component by component, arrays by content (floats by bits, so NaN equals NaN). */
    @Test
    void aBufferInTheOtherByteOrderIsRefusedRatherThanDecodedAsNativeBytes() {
        byte[] struct = fixture();
        java.nio.ByteOrder other = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN
                ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN;
        ByteBuffer direct = direct(struct, 0).order(other);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kinds.decode(direct, 0));
        assertTrue(e.getMessage().contains("native byte order"), e.getMessage());
        ByteBuffer heap = heapSlice(struct, 0).order(other);
        assertThrows(IllegalArgumentException.class, () -> kinds.decode(heap, 0));
        assertSameValues(kinds.decode(heap.order(java.nio.ByteOrder.nativeOrder()), 0), fromBytes(struct, 0));
    }

    static void assertSameValues(Record expected, Record actual) {
        for (RecordComponent c : expected.getClass().getRecordComponents()) {
            Object e = component(expected, c.getName());
            Object a = component(actual, c.getName());
            if (e instanceof byte[] bytes) {
                assertArrayEquals(bytes, (byte[]) a, c.getName());
            } else {
                assertTrue(Objects.deepEquals(e, a), c.getName() + ": " + e + " vs " + a);
            }
        }
    }
}
