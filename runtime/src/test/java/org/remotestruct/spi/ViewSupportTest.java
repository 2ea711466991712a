package org.remotestruct.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.remotestruct.BadAddressException;
import org.remotestruct.PartialTransferException;
import org.remotestruct.ReadTransport;
import org.remotestruct.RemoteProcess;
import org.remotestruct.SyscallCounts;
import org.remotestruct.internal.LibC;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.Player;
import org.remotestruct.testsupport.PlayerType;
import org.remotestruct.testsupport.PlayerView;

/** Reads of a real C process through ViewSupport with a hand-built two-span layout. */
class ViewSupportTest {

    private static CTarget target;
    private static RemoteProcess process;

    @BeforeAll
    static void start() {
        target = CTarget.start();
        process = RemoteProcess.attach(target.pid());
        // opens and proves /proc/<pid>/mem now, so the counts below see each read's own syscall
        assertEquals(ReadTransport.PROC_MEM, process.readTransport());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        target.close();
    }

    @Test
    void readStructDecodesWhatTheTargetHoldsWithExactlyOneSyscall() {
        PlayerView view = new PlayerView(process, target.address("player"));
        long before = SyscallCounts.procMemReads();
        long vm = SyscallCounts.processVmReads();
        Player p = view.read();
        assertEquals(1, SyscallCounts.procMemReads() - before, "one pread of /proc/<pid>/mem");
        assertEquals(0, SyscallCounts.processVmReads() - vm);
        assertEquals(Player.filled(1), p);
    }

    @Test
    void readStructReusesOneNativeOrderBufferIndexedByStructOffset() {
        ViewSupport support = new ViewSupport(process, target.address("player"), PlayerType.LAYOUT);
        ByteBuffer first = support.readStruct();
        ByteBuffer second = support.readStruct();
        assertSame(first, second);
        assertTrue(first.isDirect());
        assertEquals(ByteOrder.nativeOrder(), first.order());
        assertEquals(648, first.capacity());
        assertEquals(10, first.getInt(640));
        // one positional read from the first span to the last: the 600-byte gap between them is read
        // along (0xEE in the target); decoders never look at it
        assertEquals((byte) 0xEE, first.get(100));
    }

    @Test
    void readStructAllocatesNothingOnceWarm() {
        ViewSupport support = new ViewSupport(process, target.address("player"), PlayerType.LAYOUT);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            support.readStruct();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000; i++) {
            support.readStruct();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1_000, "1000 reads allocated " + allocated + " bytes");
    }

    @Test
    void readStructBytesCopiesTheWholeReadIntoOneReusedHeapArrayWithOneSyscall() {
        ViewSupport support = new ViewSupport(process, target.address("player"), PlayerType.LAYOUT);
        long before = SyscallCounts.reads();
        byte[] first = support.readStructBytes();
        assertEquals(1, SyscallCounts.reads() - before);
        assertEquals(PlayerType.LAYOUT.size(), first.length);
        ByteBuffer read = support.readStruct();
        for (int i = 0; i < first.length; i++) {
            assertEquals(read.get(i), first[i], "byte " + i);
        }
        assertSame(first, support.readStructBytes(), "one array per view, reused");
    }

    @Test
    void readFieldTransfersOnlyThatFieldToItsOwnOffsetWithOneSyscall() {
        ViewSupport support = new ViewSupport(process, target.address("player"), PlayerType.LAYOUT);
        long before = SyscallCounts.reads();
        ByteBuffer b = support.readField(PlayerType.LEVEL);
        assertEquals(1, SyscallCounts.reads() - before);
        assertEquals(10, b.getInt(640));
        assertEquals(0, b.getInt(4), "hp was not read, so its bytes are untouched");
        assertEquals("player-1", PlayerType.decodeName(support.readField(PlayerType.NAME), 16));
    }

    @Test
    void readArrayReadsConsecutiveStructsInOneSyscall() {
        long before = SyscallCounts.reads();
        ByteBuffer b = ViewSupport.readArray(process, PlayerType.LAYOUT, target.address("team"), 3);
        assertEquals(1, SyscallCounts.reads() - before);
        assertEquals(3 * 648, b.capacity());
        assertEquals(ByteOrder.nativeOrder(), b.order());
        for (int i = 0; i < 3; i++) {
            assertEquals(Player.filled(20 + i), PlayerType.TYPE.decode(b, i * 648));
        }
    }

    @Test
    void readArrayReusesTheThreadsNativeBufferInsteadOfAllocatingPerCall() {
        long at = target.address("team");
        ByteBuffer first = ViewSupport.readArray(process, PlayerType.LAYOUT, at, 2);
        ByteBuffer second = ViewSupport.readArray(process, PlayerType.LAYOUT, at, 3);
        assertEquals(LibC.addressOf(first), LibC.addressOf(second), "same native memory, no new allocation");
        assertEquals(3 * 648, second.capacity());
        assertEquals(ByteOrder.nativeOrder(), second.order());
        for (int i = 0; i < 3; i++) {
            assertEquals(Player.filled(20 + i), PlayerType.TYPE.decode(second, i * 648));
        }
    }

    @Test
    void readArrayRejectsNegativeAndOverflowingCounts() {
        long at = target.address("team");
        assertThrows(IllegalArgumentException.class, () -> ViewSupport.readArray(process, PlayerType.LAYOUT, at, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ViewSupport.readArray(process, PlayerType.LAYOUT, at, Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("read it in parts"), e.getMessage());
        assertEquals(0, ViewSupport.readArray(process, PlayerType.LAYOUT, at, 0).capacity());
    }

    @Test
    void readReportsWhichFieldFailedOnPartialTransfer() {
        // only the first 20 bytes are mapped: id, hp, speed fit; name (16..32) fails at its byte 4
        long edge = CTarget.parseAddress(target.command("edge 20").split(" ")[1]);
        PlayerView view = new PlayerView(process, edge);
        PartialTransferException e = assertThrows(PartialTransferException.class, view::read);
        String at = "player@0x" + Long.toHexString(edge) + "."; // labelled as batches label it
        assertEquals(at + "name", e.field());
        assertEquals(4, e.failedFieldBytes());
        assertEquals(edge + 20, e.address());
        assertEquals(20, e.bytesTransferred());
        assertEquals(48, e.bytesRequested());
        assertEquals(List.of(at + "id", at + "hp", at + "speed"), e.completeFields());
        assertEquals(List.of(at + "score", at + "level", at + "flags"), e.notAttemptedFields());
        assertTrue(e.getMessage().contains("pid " + target.pid()), e.getMessage());
        assertTrue(e.getMessage().contains("byte 4 of field '" + at + "name'"), e.getMessage());
        assertTrue(e.getMessage().contains("0x" + Long.toHexString(edge + 20)), e.getMessage());
    }

    @Test
    void readArrayReportsTheElementAndFieldOfAShortRead() {
        long edge = CTarget.parseAddress(target.command("edge 36").split(" ")[1]);
        PartialTransferException e = assertThrows(PartialTransferException.class,
                () -> ViewSupport.readArray(process, PlayerType.LAYOUT, edge, 2));
        String at = "player@0x" + Long.toHexString(edge);
        assertEquals(at + "[0].score", e.field());
        assertEquals(List.of(at + "[0].id", at + "[0].hp", at + "[0].speed", at + "[0].name"), e.completeFields());
        assertEquals(List.of(at + "[0].level", at + "[0].flags", at + "[1]"), e.notAttemptedFields());
    }

    @Test
    void readOfUnmappedFirstByteIsBadAddressNamingTheFirstField() {
        long edge = CTarget.parseAddress(target.command("edge 8").split(" ")[1]);
        PlayerView view = new PlayerView(process, edge + 8);
        BadAddressException e = assertThrows(BadAddressException.class, view::read);
        String at = "player@0x" + Long.toHexString(edge + 8) + ".";
        assertEquals(at + "id", e.field());
        assertEquals(edge + 8, e.address());
        assertTrue(e.getMessage().contains("field '" + at + "id' of struct player"), e.getMessage());
        assertTrue(e.getMessage().contains("pid " + target.pid()), e.getMessage());
        BadAddressException single = assertThrows(BadAddressException.class, view::readHp);
        assertEquals(at + "hp", single.field());
    }
}
