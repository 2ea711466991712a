package org.remotestruct.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitfieldsTest {

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    @Test
    void readsFromTheLowBitOfLittleEndianMemory() {
        ByteBuffer b = buffer(4);
        b.put(0, (byte) 0b1011_0000).put(1, (byte) 0b0000_0011);
        assertEquals(0b11_1011, Bitfields.getUnsigned(b, 0, 4, 6));
        assertEquals(0b11_1011 - 64, Bitfields.getSigned(b, 0, 4, 6));
        assertEquals(0b11, Bitfields.getUnsigned(b, 1, 0, 2), "bit is counted from the given offset");
    }

    @Test
    void aSixtyFourBitFieldAtAnOddBitSpansNineBytes() {
        ByteBuffer b = buffer(9);
        Bitfields.put(b, 0, 4, 64, 0x8123_4567_89ab_cdefL);
        assertEquals(0x8123_4567_89ab_cdefL, Bitfields.getUnsigned(b, 0, 4, 64));
        assertEquals(0x8123_4567_89ab_cdefL, Bitfields.getSigned(b, 0, 4, 64));
        assertEquals(0xf0, b.get(0) & 0xff);
        assertEquals(0x08, b.get(8) & 0xff);
    }

    @Test
    void putChangesOnlyTheFieldsBits() {
        Random random = new Random(9);
        for (int round = 0; round < 2000; round++) {
            ByteBuffer b = buffer(10);
            random.nextBytes(b.array());
            byte[] before = b.array().clone();
            int bit = random.nextInt(8);
            int width = 1 + random.nextInt(64);
            long value = random.nextLong();
            Bitfields.put(b, 1, bit, width, value);
            long mask = width == 64 ? -1L : (1L << width) - 1;
            assertEquals(value & mask, Bitfields.getUnsigned(b, 1, bit, width), "bit " + bit + " width " + width);
            for (int i = 0; i < 80; i++) {
                int at = i - 8 - bit;
                if (at < 0 || at >= width) {
                    int was = (before[i / 8] >> (i % 8)) & 1;
                    int is = (b.get(i / 8) >> (i % 8)) & 1;
                    assertEquals(was, is, "bit " + i + " outside the field changed");
                }
            }
        }
    }

    @Test
    void rangeChecksNameTheFieldAndTheRange() {
        assertEquals(-8, Bitfields.checkSigned(-8, 4, "S.f"));
        assertEquals(15, Bitfields.checkUnsigned(15, 4, "S.f"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bitfields.checkSigned(8, 4, "S.f"));
        assertTrue(e.getMessage().contains("S.f") && e.getMessage().contains("-8..7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Bitfields.checkUnsigned(-1, 4, "S.f"));
        assertEquals(-1L, Bitfields.checkUnsigned(-1L, 64, "S.f"), "64 unsigned bits take any raw long");
    }
}
