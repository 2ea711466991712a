package org.remotestruct.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CodecsTest {

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    @Test
    void stringStopsAtFirstNul() {
        ByteBuffer b = buffer(8);
        b.put(1, (byte) 'h').put(2, (byte) 'i').put(4, (byte) 'x');
        assertEquals("hi", Codecs.getString(b, 1, 6, StandardCharsets.UTF_8));
    }

    @Test
    void stringWithoutNulUsesAllBytes() {
        ByteBuffer b = buffer(4);
        b.put(0, "abcd".getBytes(StandardCharsets.US_ASCII));
        assertEquals("abcd", Codecs.getString(b, 0, 4, StandardCharsets.UTF_8));
    }

    @Test
    void putStringPadsWithNulAndRoundTripsNonAscii() {
        ByteBuffer b = buffer(10);
        Arrays.fill(b.array(), (byte) 0x55);
        Codecs.putString(b, 1, 8, "é€", StandardCharsets.UTF_8, "S.name");
        assertEquals("é€", Codecs.getString(b, 1, 8, StandardCharsets.UTF_8));
        assertEquals(0, b.get(6));
        assertEquals(0, b.get(8));
        assertEquals(0x55, b.get(9), "byte after the field untouched");
        assertEquals(0x55, b.get(0), "byte before the field untouched");
    }

    @Test
    void putStringOfExactlyNBytesHasNoTerminator() {
        ByteBuffer b = buffer(4);
        Codecs.putString(b, 0, 4, "abcd", StandardCharsets.UTF_8, "S.name");
        assertEquals("abcd", Codecs.getString(b, 0, 4, StandardCharsets.UTF_8));
    }

    @Test
    void putStringRejectsTooLongEncodingNamingFieldAndWritesNothing() {
        ByteBuffer b = buffer(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Codecs.putString(b, 0, 4, "abcé", StandardCharsets.UTF_8, "Player.name"));
        assertTrue(e.getMessage().contains("Player.name"), e.getMessage());
        assertTrue(e.getMessage().contains("5 bytes"), e.getMessage());
        assertArrayEquals(new byte[4], b.array());
    }

    @Test
    void putStringRejectsEmbeddedNulAndUnmappableCharacters() {
        ByteBuffer b = buffer(8);
        assertThrows(IllegalArgumentException.class,
                () -> Codecs.putString(b, 0, 8, "a\0b", StandardCharsets.UTF_8, "S.f"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Codecs.putString(b, 0, 8, "é", StandardCharsets.US_ASCII, "S.f"));
        assertTrue(e.getMessage().contains("US-ASCII"), e.getMessage());
    }

    @Test
    void stringsUseTheGivenCharset() {
        ByteBuffer b = buffer(4);
        Charset latin1 = StandardCharsets.ISO_8859_1;
        Codecs.putString(b, 0, 4, "é", latin1, "S.f");
        assertEquals((byte) 0xe9, b.get(0));
        assertEquals("é", Codecs.getString(b, 0, 4, latin1));
    }

    @Test
    void bytesRoundTripAndWrongLengthIsRejected() {
        ByteBuffer b = buffer(6);
        Codecs.putBytes(b, 2, 3, new byte[] {1, 0, 3}, "S.raw");
        assertArrayEquals(new byte[] {1, 0, 3}, Codecs.getBytes(b, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Codecs.putBytes(b, 2, 3, new byte[2], "S.raw"));
        assertTrue(e.getMessage().contains("S.raw"), e.getMessage());
    }

    @Test
    void scalarRangeChecksAcceptBoundsAndRejectOutside() {
        assertEquals(255, Codecs.checkUint8(255, "f"));
        assertEquals(65535, Codecs.checkUint16(65535, "f"));
        assertEquals(0xffff_ffffL, Codecs.checkUint32(0xffff_ffffL, "f"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Codecs.checkUint32(-1, "Player.gold"));
        assertTrue(e.getMessage().contains("Player.gold") && e.getMessage().contains("uint32_t"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Codecs.checkUint8(-1, "f"));
        assertThrows(IllegalArgumentException.class, () -> Codecs.checkUint16(-1, "f"));
    }

    @Test
    void helpersLeaveBufferPositionAlone() {
        ByteBuffer b = buffer(16);
        b.position(3);
        ArrayCodecs.putInts(b, 4, 2, new int[] {1, 2}, "f");
        Codecs.getString(b, 0, 4, StandardCharsets.UTF_8);
        Codecs.putBytes(b, 12, 2, new byte[2], "f");
        assertEquals(3, b.position());
    }

    @Test
    void getStringDecodesFromNativeMemoryAndFromAnOffsetHeapSlice() {
        String longText = "ü".repeat(300); // 600 bytes: more than the initial scratch space
        byte[] utf8 = longText.getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(utf8.length + 8);
        direct.put(3, utf8);
        assertEquals(longText, Codecs.getString(direct, 3, utf8.length, StandardCharsets.UTF_8));
        direct.put(3 + 4, (byte) 0);
        assertEquals("üü", Codecs.getString(direct, 3, utf8.length, StandardCharsets.UTF_8));

        ByteBuffer slice = ByteBuffer.wrap(("xxxx" + "name\0junk").getBytes(StandardCharsets.US_ASCII)).slice(4, 9);
        assertEquals("name", Codecs.getString(slice, 0, 9, StandardCharsets.US_ASCII));
    }

    @Test
    void getStringFindsTheFirstNulAtEveryPositionInNativeMemoryOfEitherByteOrder() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (int length = 1; length <= 19; length++) {
                for (int nul = 0; nul <= length; nul++) { // nul == length: no NUL inside the field
                    ByteBuffer direct = ByteBuffer.allocateDirect(length + 10).order(order);
                    for (int i = 0; i < length + 10; i++) {
                        direct.put(i, (byte) (i < 5 + nul ? 'a' + i % 26 : i == 5 + nul ? 0 : 0xff));
                    }
                    assertEquals(ascii(direct, 5, nul), Codecs.getString(direct, 5, length, StandardCharsets.US_ASCII),
                            order + ", char[" + length + "], NUL at " + nul);
                }
            }
        }
    }

    @Test
    void getStringNeverReadsPastTheField() {
        ByteBuffer direct = ByteBuffer.allocateDirect(11).order(ByteOrder.nativeOrder());
        direct.put(0, "abcdefghijk".getBytes(StandardCharsets.US_ASCII));
        assertEquals("defghijk", Codecs.getString(direct, 3, 8, StandardCharsets.US_ASCII), "field ends the buffer");
        assertEquals("bcdefghij", Codecs.getString(direct, 1, 9, StandardCharsets.US_ASCII));
    }

    @Test
    void getStringDecodesBytesAboveAsciiInNativeMemory() {
        byte[] utf8 = "naïve €uro".getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(32).order(ByteOrder.nativeOrder());
        direct.put(1, utf8);
        assertEquals("naïve €uro", Codecs.getString(direct, 1, 31, StandardCharsets.UTF_8));
        direct.put(1 + utf8.length - 1, (byte) 0x80); // a stray continuation byte
        assertEquals("naïve €ur\uFFFD", Codecs.getString(direct, 1, 31, StandardCharsets.UTF_8));
    }

    @Test
    void getStringFromNativeMemoryDecodesHighBytesByTheCharset() {
        ByteBuffer direct = ByteBuffer.allocateDirect(24).order(ByteOrder.nativeOrder());
        direct.put(0, new byte[] {'c', 'a', 'f', (byte) 0xe9, 0, (byte) 0xe9, 'x', 'y', 'z', (byte) 0xe9});
        assertEquals("caf\uFFFD", Codecs.getString(direct, 0, 24, StandardCharsets.US_ASCII));
        assertEquals("café", Codecs.getString(direct, 0, 24, StandardCharsets.ISO_8859_1));
        assertEquals("caf\uFFFD", Codecs.getString(direct, 0, 24, StandardCharsets.UTF_8));
        assertEquals("", Codecs.getString(direct, 4, 20, StandardCharsets.US_ASCII));
        assertEquals("\uFFFDxyz\uFFFD", Codecs.getString(direct, 5, 19, StandardCharsets.US_ASCII),
                "a high byte in the tail after the last whole word");
        assertEquals("ab", Codecs.getString(ByteBuffer.allocateDirect(8).put(0, (byte) 'a').put(1, (byte) 'b')
                .put(3, (byte) 0xff), 0, 8, StandardCharsets.US_ASCII), "a high byte after the NUL is not read");
    }

    @Test
    void byteArrayStringsDecodeAsNativeMemoryDoesForEveryNulPositionAndCharset() {
        Charset[] charsets = {StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_8,
            Charset.forName("windows-1252")};
        byte[] text = "caf\u00e9 na\u00efve \u20acuro".getBytes(StandardCharsets.UTF_8);
        for (int length = 1; length <= 19; length++) {
            for (int nul = 0; nul <= length; nul++) { // nul == length: no NUL inside the field
                byte[] bytes = new byte[3 + length + 2];
                Arrays.fill(bytes, (byte) 0xff);
                System.arraycopy(text, 0, bytes, 3, nul);
                if (nul < length) {
                    bytes[3 + nul] = 0;
                }
                ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
                direct.put(0, bytes);
                for (Charset charset : charsets) {
                    String expected = new String(bytes, 3, nul, charset);
                    String where = charset + ", char[" + length + "], NUL at " + nul;
                    assertEquals(expected, Codecs.getString(bytes, 3, length, charset), where);
                    assertEquals(expected, Codecs.getString(direct, 3, length, charset), where);
                }
            }
        }
    }

    @Test
    void byteArrayStringNeverReadsPastTheFieldAndRefusesAFieldOutsideTheArray() {
        byte[] bytes = "abcdefghijk".getBytes(StandardCharsets.US_ASCII);
        assertEquals("defghijk", Codecs.getString(bytes, 3, 8, StandardCharsets.US_ASCII), "field ends the array");
        assertThrows(IndexOutOfBoundsException.class, () -> Codecs.getString(bytes, 4, 8, StandardCharsets.US_ASCII));
    }

    @Test
    void byteArrayScalarsReadWhatBufferGetsReadAtAnyOffset() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
        for (int i = 0; i < 32; i++) {
            b.put(i, (byte) (i * 37 + 11));
        }
        byte[] bytes = b.array();
        for (int at = 0; at <= 24; at++) {
            assertEquals(b.get(at), Codecs.getByte(bytes, at));
            assertEquals(b.getShort(at), Codecs.getShort(bytes, at));
            assertEquals(b.getInt(at), Codecs.getInt(bytes, at));
            assertEquals(b.getLong(at), Codecs.getLong(bytes, at));
            assertEquals(Float.floatToRawIntBits(b.getFloat(at)), Float.floatToRawIntBits(Codecs.getFloat(bytes, at)));
            assertEquals(Double.doubleToRawLongBits(b.getDouble(at)),
                    Double.doubleToRawLongBits(Codecs.getDouble(bytes, at)));
        }
        assertArrayEquals(new byte[] {bytes[5], bytes[6]}, Codecs.getBytes(bytes, 5, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> Codecs.getLong(bytes, 25));
        assertThrows(IndexOutOfBoundsException.class, () -> Codecs.getBytes(bytes, 31, 2));
    }

    @Test
    void copyOutReusesTheThreadsScratchButKeepsNoHugeArray() {
        ByteBuffer direct = ByteBuffer.allocateDirect(200_000).order(ByteOrder.nativeOrder());
        direct.put(7, (byte) 42).put(150_000, (byte) 43);
        byte[] small = Codecs.copyOut(direct, 7, 100);
        assertEquals(42, small[0]);
        assertTrue(small == Codecs.copyOut(direct, 0, 64), "the same scratch array, no allocation");
        byte[] huge = Codecs.copyOut(direct, 50_000, 150_000);
        assertEquals(43, huge[100_000]);
        assertTrue(small == Codecs.scratch(100), "a copy beyond the kept size did not replace the scratch");
        assertThrows(IndexOutOfBoundsException.class, () -> Codecs.copyOut(direct, 199_990, 11));
    }

    private static String ascii(ByteBuffer b, int offset, int length) {
        byte[] bytes = new byte[length];
        b.get(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
