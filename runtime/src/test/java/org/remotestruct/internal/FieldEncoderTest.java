package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructLayout;
import org.remotestruct.annotations.CType;

/** The untyped writers' encoding, pure: values by C type, with the generated writers' checks. */
class FieldEncoderTest {

    private static final StructLayout INNER = StructLayout.of("inner", 4,
            List.of(new FieldLayout("v", 0, CType.INT32, 1, 4, true, null, null)));
    private static final FieldLayout U8 = new FieldLayout("u8", 0, CType.UINT8, 1, 1, true, null, null);
    private static final FieldLayout U64 = new FieldLayout("u64", 8, CType.UINT64, 1, 8, true, null, null);
    private static final FieldLayout F32 = new FieldLayout("f", 16, CType.FLOAT, 1, 4, true, null, null);
    private static final FieldLayout INTS = new FieldLayout("ints", 20, CType.INT32, 2, 4, true, null, null);
    private static final FieldLayout NESTED = new FieldLayout("inner", 28, CType.STRUCT, 1, 4, true, null, INNER);
    private static final FieldLayout BYTES = new FieldLayout("raw", 32, CType.CHAR, 4, 1, true, null, null);

    private static ByteBuffer buffer() {
        return ByteBuffer.allocate(40).order(ByteOrder.nativeOrder());
    }

    private static IllegalArgumentException refused(FieldLayout f, Object value) {
        return assertThrows(IllegalArgumentException.class, () -> FieldEncoder.put(f, "T." + f.name(), buffer(), value,
                e -> { throw new AssertionError("no enum field"); }));
    }

    @Test
    void unsignedRangesAndRawSixtyFourBitValuesAreCheckedAsTheGeneratedWritersCheckThem() {
        ByteBuffer b = buffer();
        FieldEncoder.put(U8, "T.u8", b, 255, e -> 0);
        assertEquals((byte) 255, b.get(0));
        assertTrue(refused(U8, 256).getMessage().contains("field T.u8: 256 is outside the uint8_t range 0..255"));
        assertTrue(refused(U8, 1L << 40).getMessage().contains("1099511627776 does not fit its 8 unsigned bits"));
        FieldEncoder.put(U64, "T.u64", b, new BigInteger("18446744073709551615"), e -> 0);
        assertEquals(-1L, b.getLong(8), "2^64-1 is stored as its raw 64 bits");
        assertTrue(refused(U64, BigInteger.ONE.shiftLeft(64)).getMessage().contains("does not fit uint64_t"));
        assertTrue(refused(F32, 1e39).getMessage().contains("outside the float range"));
    }

    @Test
    void nestedStructsAndArraysAreRefusedSayingHowToWriteThem() {
        assertTrue(refused(NESTED, 1).getMessage().contains("it is a nested struct inner"));
        assertTrue(refused(INTS, new int[] {1, 2}).getMessage().contains("array int32_t[2]"));
    }

    @Test
    void charFieldsWithoutACharsetTakeExactlyTheirBytes() {
        ByteBuffer b = buffer();
        FieldEncoder.put(BYTES, "T.raw", b, new byte[] {1, 2, 3, 4}, e -> 0);
        assertEquals(0x04, b.get(35));
        assertTrue(refused(BYTES, new byte[] {1}).getMessage().contains("holds exactly 4 elements"));
        assertTrue(refused(BYTES, "abcd").getMessage().contains("takes a byte[], not String"));
    }
}
