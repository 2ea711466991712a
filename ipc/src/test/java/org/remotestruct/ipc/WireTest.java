package org.remotestruct.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The control-message codec, byte for byte as docs/ipc.md describes it. */
class WireTest {

    private final ByteBuffer b = Wire.newBuffer();

    @Test
    void pullRoundTripsAndHasTheDocumentedLayout() {
        Wire.writePull(b, 7, 0x7f00_1234_5678L, -3, true, 0xCAFEBABE);
        assertEquals(Wire.TYPE_PULL, Wire.type(b, Wire.PULL_SIZE));
        assertEquals(new Wire.Pull(7, 0x7f00_1234_5678L, -3, true, 0xCAFEBABE), Wire.readPull(b));
        assertEquals('R', b.get(0));
        assertEquals('P', b.get(3));
        assertEquals(1, b.get(6), "flags bit 0: checksum present");
        assertEquals(7, b.get(8), "sequence little-endian at 8");
        assertEquals((byte) 0xBE, b.get(32), "crc32c little-endian at 32");
    }

    @Test
    void pullWithoutChecksumCarriesZero() {
        Wire.writePull(b, 0, 16, 4, false, 0x1234);
        assertEquals(new Wire.Pull(0, 16, 4, false, 0), Wire.readPull(b));
    }

    @Test
    void ackRoundTripsStatusAndDetail() {
        Wire.writeAck(b, 9, RejectReason.BAD_LENGTH.code(), 1 << 20);
        assertEquals(Wire.TYPE_ACK, Wire.type(b, Wire.ACK_SIZE));
        assertEquals(new Wire.Ack(9, 3, 1 << 20), Wire.readAck(b));
    }

    @Test
    void byeIsRecognised() {
        Wire.writeBye(b, 12);
        assertEquals(Wire.TYPE_BYE, Wire.type(b, Wire.BYE_SIZE));
        assertEquals(12, b.getLong(8));
    }

    @Test
    void helloRoundTripsWindowAndStatusAndHasTheDocumentedLayout() {
        Wire.writeHello(b, RejectReason.VERSION_MISMATCH.code(), 64);
        assertEquals(Wire.TYPE_HELLO, Wire.type(b, Wire.HELLO_SIZE));
        assertEquals(new Wire.Hello(12, 64), Wire.readHello(b));
        assertEquals(2, b.get(4), "version 2 at 4");
        assertEquals(4, b.get(5), "type HELLO at 5");
        assertEquals(64, b.get(8), "window little-endian at 8");
    }

    @Test
    void versionIsReadFromAnyPacketWithTheMagicSoAnOlderPeerIsRecognised() {
        Wire.writeVersion1Refusal(b, 3, RejectReason.MALFORMED.code());
        assertEquals(1, Wire.version(b, Wire.ACK_SIZE));
        assertEquals(-1, Wire.type(b, Wire.ACK_SIZE), "not a packet of this version");
        assertEquals(0, Wire.version1Sequence(b, Wire.PULL_SIZE), "an ACK has no PULL sequence");
        b.put(0, (byte) 'X');
        assertEquals(-1, Wire.version(b, Wire.ACK_SIZE), "no magic: no remotestruct peer at all");
    }

    @Test
    void packetOfTheWrongSizeForItsTypeIsMalformed() {
        Wire.writePull(b, 0, 16, 4, false, 0);
        assertEquals(-1, Wire.type(b, Wire.PULL_SIZE - 1));
        assertEquals(-1, Wire.type(b, Wire.MAX_SIZE + 1), "a truncated oversized packet");
        assertEquals(-1, Wire.type(b, 4), "shorter than the header");
    }

    @Test
    void wrongMagicOrVersionIsMalformed() {
        Wire.writePull(b, 0, 16, 4, false, 0);
        b.put(4, (byte) 1);
        assertEquals(-1, Wire.type(b, Wire.PULL_SIZE));
        Wire.writePull(b, 0, 16, 4, false, 0);
        b.put(0, (byte) 'X');
        assertEquals(-1, Wire.type(b, Wire.PULL_SIZE));
    }

    @Test
    void unknownFlagsOrReservedBitsAreMalformed() {
        Wire.writePull(b, 0, 16, 4, false, 0);
        b.putShort(6, (short) 2);
        assertNull(Wire.readPull(b));
        Wire.writePull(b, 0, 16, 4, false, 0);
        b.putInt(36, 1);
        assertNull(Wire.readPull(b));
    }

    @Test
    void unknownRejectCodeReadsAsMalformed() {
        assertEquals(RejectReason.MALFORMED, RejectReason.ofCode(99));
        assertEquals(RejectReason.CHECKSUM_MISMATCH, RejectReason.ofCode(5));
    }
}
