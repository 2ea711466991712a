package org.remotestruct.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayCodecsTest {

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    @Test
    void signedArraysRoundTrip() {
        ByteBuffer b = buffer(64);
        ArrayCodecs.putShorts(b, 0, 2, new short[] {-1, 300}, "f");
        assertArrayEquals(new short[] {-1, 300}, ArrayCodecs.getShorts(b, 0, 2));
        ArrayCodecs.putInts(b, 4, 2, new int[] {Integer.MIN_VALUE, 7}, "f");
        assertArrayEquals(new int[] {Integer.MIN_VALUE, 7}, ArrayCodecs.getInts(b, 4, 2));
        ArrayCodecs.putLongs(b, 16, 2, new long[] {-5, Long.MAX_VALUE}, "f");
        assertArrayEquals(new long[] {-5, Long.MAX_VALUE}, ArrayCodecs.getLongs(b, 16, 2));
        ArrayCodecs.putFloats(b, 32, 2, new float[] {Float.NaN, -0.0f}, "f");
        float[] floats = ArrayCodecs.getFloats(b, 32, 2);
        assertTrue(Float.isNaN(floats[0]));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(floats[1]));
        ArrayCodecs.putDoubles(b, 40, 2, new double[] {-0.0, 1e300}, "f");
        assertArrayEquals(new double[] {-0.0, 1e300}, ArrayCodecs.getDoubles(b, 40, 2));
    }

    @Test
    void booleansReadAnyNonZeroByteAsTrueAndWriteOneOrZero() {
        ByteBuffer b = buffer(3);
        b.put(0, (byte) 7);
        assertArrayEquals(new boolean[] {true, false, false}, ArrayCodecs.getBooleans(b, 0, 3));
        ArrayCodecs.putBooleans(b, 0, 3, new boolean[] {true, false, true}, "f");
        assertArrayEquals(new byte[] {1, 0, 1}, b.array());
    }

    @Test
    void unsignedArraysReadFullRange() {
        ByteBuffer b = buffer(16);
        b.put(0, (byte) 0xff);
        b.putShort(2, (short) 0xffff);
        b.putInt(4, 0x8000_0000);
        assertArrayEquals(new short[] {255}, ArrayCodecs.getUint8sAsShorts(b, 0, 1));
        assertArrayEquals(new int[] {255}, ArrayCodecs.getUint8sAsInts(b, 0, 1));
        assertArrayEquals(new int[] {65535}, ArrayCodecs.getUint16s(b, 2, 1));
        assertArrayEquals(new long[] {0x8000_0000L}, ArrayCodecs.getUint32s(b, 4, 1));
    }

    @Test
    void unsignedArraysRejectOutOfRangeElementNamingIndexAndWriteNothing() {
        ByteBuffer b = buffer(16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayCodecs.putUint8s(b, 0, 2, new int[] {1, 256}, "S.levels"));
        assertTrue(e.getMessage().contains("S.levels[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ArrayCodecs.putUint8s(b, 0, 2, new short[] {-1, 0}, "S.levels"));
        assertThrows(IllegalArgumentException.class,
                () -> ArrayCodecs.putUint16s(b, 0, 1, new int[] {65536}, "S.ports"));
        assertThrows(IllegalArgumentException.class,
                () -> ArrayCodecs.putUint32s(b, 0, 2, new long[] {0, 1L << 32}, "S.ids"));
        assertArrayEquals(new byte[16], b.array());
        ArrayCodecs.putUint32s(b, 0, 1, new long[] {0xffff_ffffL}, "S.ids");
        assertEquals(-1, b.getInt(0));
    }

    @Test
    void nullValuesAreRejectedNamingTheField() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> ArrayCodecs.putInts(buffer(8), 0, 2, null, "Player.stats"));
        assertTrue(e.getMessage().contains("Player.stats"), e.getMessage());
    }

    @Test
    void listsRoundTripElementByElementAtElementSizeStrides() {
        ByteBuffer b = buffer(12);
        ArrayCodecs.putList(b, 0, 3, 4, List.of(1, 2, 3), (v, buf, off) -> buf.putInt(off, v), "S.xs");
        List<Integer> back = ArrayCodecs.getList(b, 0, 3, 4, ByteBuffer::getInt);
        assertEquals(List.of(1, 2, 3), back);
        assertThrows(UnsupportedOperationException.class, () -> back.add(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayCodecs.putList(b, 0, 3, 4, List.of(1), (v, buf, off) -> buf.putInt(off, v), "S.xs"));
        assertTrue(e.getMessage().contains("S.xs"), e.getMessage());
    }
}
