package org.remotestruct.samples.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The values {@code fill()} of e2e_target.c stores, as Java literals written independently of the
 * C ones, and the target's {@code show} format of any {@link AllTypes}: comparing a record's
 * {@link #shown} with what the target prints compares every field bit for bit (floats by their
 * IEEE bits, strings by their bytes).
 */
final class KnownValues {

    /** "Grüße, 世界": 15 UTF-8 bytes in a char[16]. */
    static final String TEXT = "Gr\u00fc\u00dfe, \u4e16\u754c";

    private KnownValues() {
    }

    /** The {@code all} struct as the target fills it; {@code vecsPtr} is the address of its {@code vecs}. */
    static AllTypes all(long vecsAddress) {
        return new AllTypes((byte) -100, (short) 255, 200, true, Short.MIN_VALUE, 65535, Integer.MIN_VALUE,
                0x8000_0001L, Long.MIN_VALUE, 0xfedc_ba98_7654_3210L, Float.intBitsToFloat(0x7fc0_0123), -0.0f,
                -0.0, Double.longBitsToDouble(0x7ff8_0000_0000_0abcL), "ABCDEFGH", TEXT,
                new byte[] {'r', 'a', 'w', 0, (byte) 0xff, 1, 2, 3}, vecsAddress, new boolean[] {true, false, true},
                new byte[] {-1, 0, 127}, new short[] {0, 1, 128, 255}, new int[] {254, 7},
                new short[] {-2, Short.MAX_VALUE}, new int[] {40000, 1}, new int[] {-1, 0, Integer.MAX_VALUE},
                new long[] {0xffff_ffffL, 0x8000_0000L}, new long[] {-1, Long.MAX_VALUE},
                new long[] {-1L, Long.MIN_VALUE}, new float[] {Float.NEGATIVE_INFINITY, Float.MIN_VALUE},
                new double[] {Double.MAX_VALUE, -0.0}, new Vec3(1.5f, -2.25f, 1e30f),
                List.of(new Vec3(0, 0, 0), new Vec3(-1, 2, -3), new Vec3(Float.POSITIVE_INFINITY, -0.0f, 0.125f)),
                0x7ead_beef);
    }

    /** The target's {@code vecs} array. */
    static List<Vec3> vecs() {
        return IntStream.range(0, 4).mapToObj(i -> new Vec3(i + 0.5f, -(i + 0.25f), i * 1000f)).toList();
    }

    /** What the target's {@code show} prints for {@code a}, key by key, in its order. */
    static Map<String, String> shown(AllTypes a) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("i8", Byte.toString(a.i8()));
        m.put("u8AsShort", Short.toString(a.u8AsShort()));
        m.put("u8AsInt", Integer.toString(a.u8AsInt()));
        m.put("flag", a.flag() ? "1" : "0");
        m.put("i16", Short.toString(a.i16()));
        m.put("u16", Integer.toString(a.u16()));
        m.put("i32", Integer.toString(a.i32()));
        m.put("u32", Long.toString(a.u32()));
        m.put("i64", Long.toString(a.i64()));
        m.put("u64", Long.toUnsignedString(a.u64()));
        m.put("fNan", bits(a.fNan()));
        m.put("fNegZero", bits(a.fNegZero()));
        m.put("dNegZero", bits(a.dNegZero()));
        m.put("dNan", bits(a.dNan()));
        m.put("name", hex(a.name(), AllTypesRemoteView.NAME_LENGTH));
        m.put("text", hex(a.text(), AllTypesRemoteView.TEXT_LENGTH));
        m.put("rawChars", hex(a.rawChars()));
        m.put("vecsPtr", Long.toUnsignedString(a.vecsPtr()));
        m.put("bools", join(IntStream.range(0, a.bools().length).mapToObj(i -> a.bools()[i] ? "1" : "0")));
        m.put("i8s", join(IntStream.range(0, a.i8s().length).mapToObj(i -> Byte.toString(a.i8s()[i]))));
        m.put("u8s", join(IntStream.range(0, a.u8s().length).mapToObj(i -> Short.toString(a.u8s()[i]))));
        m.put("u8Ints", join(Arrays.stream(a.u8Ints()).mapToObj(Integer::toString)));
        m.put("i16s", join(IntStream.range(0, a.i16s().length).mapToObj(i -> Short.toString(a.i16s()[i]))));
        m.put("u16s", join(Arrays.stream(a.u16s()).mapToObj(Integer::toString)));
        m.put("i32s", join(Arrays.stream(a.i32s()).mapToObj(Integer::toString)));
        m.put("u32s", join(Arrays.stream(a.u32s()).mapToObj(Long::toString)));
        m.put("i64s", join(Arrays.stream(a.i64s()).mapToObj(Long::toString)));
        m.put("u64s", join(Arrays.stream(a.u64s()).mapToObj(Long::toUnsignedString)));
        m.put("floats", join(IntStream.range(0, a.floats().length).mapToObj(i -> bits(a.floats()[i]))));
        m.put("doubles", join(Arrays.stream(a.doubles()).mapToObj(KnownValues::bits)));
        m.put("pos", bits(a.pos()));
        m.put("path", a.path().stream().map(KnownValues::bits).collect(Collectors.joining(";")));
        m.put("tail", Integer.toString(a.tail()));
        return m;
    }

    /**
     * Asserts {@code actual} equals {@code expected} key by key (both in the show format), reporting
     * every field that differs by name.
     */
    static void assertSameFields(Map<String, String> expected, Map<String, String> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        assertAll(expected.keySet().stream().map(k -> () -> assertEquals(expected.get(k), actual.get(k), k)));
    }

    /** A Vec3 as the target prints it: the bits of x, y and z. */
    static String bits(Vec3 v) {
        return bits(v.x()) + "," + bits(v.y()) + "," + bits(v.z());
    }

    static String bits(float f) {
        return String.format("%08x", Float.floatToRawIntBits(f));
    }

    static String bits(double d) {
        return String.format("%016x", Double.doubleToRawLongBits(d));
    }

    /** All {@code length} bytes of a {@code char[length]} holding {@code s} in UTF-8, NUL-padded. */
    static String hex(String s, int length) {
        return hex(Arrays.copyOf(s.getBytes(StandardCharsets.UTF_8), length));
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    private static String join(Stream<String> values) {
        return values.collect(Collectors.joining(","));
    }
}
