package org.remotestruct.samples.arena;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotestruct.RemoteProcess;
import org.remotestruct.SyscallCounts;

/**
 * A view of the automatically laid out {@link Fighter} reads and writes a real C process built
 * with gcc against the hand-written arena.h: an enum, bitfields sharing storage units, a union and
 * an anonymous union. Values C wrote read back exactly; writes are what C then sees.
 */
class ArenaViewTest {

    private ArenaTarget target;
    private FighterRemoteView view;

    @BeforeEach
    void start() {
        target = ArenaTarget.start();
        RemoteProcess process = RemoteProcess.attach(target.pid());
        // opens and proves /proc/<pid>/mem now, so the counts below see each single read's own syscall
        process.readTransport();
        view = FighterRemoteView.at(process, target.address());
    }

    @AfterEach
    void stop() throws Exception {
        target.close();
    }

    @Test
    void readDecodesEveryKindOfFieldTheTargetWrote() {
        Fighter f = view.read();
        assertEquals(7, f.id());
        assertEquals(FighterState.ATTACKING, f.state());
        assertTrue(f.alive());
        assertEquals(5, f.team());
        assertEquals(-3, f.mood(), "a signed bitfield sign-extends");
        assertEquals(99, f.level());
        assertTrue(f.invisible());
        assertEquals(250, f.stat().hp());
        assertEquals(Float.intBitsToFloat(250), f.stat().shield(), "every union member decodes the same bytes");
        assertArrayEquals(new int[] {250, 0, 0, 0}, f.stat().charges());
        assertEquals(0x1234, f.magazine().ammo());
        assertArrayEquals(new int[] {0x34, 0x12}, f.magazine().ammoBytes());
        assertEquals(1.5, f.x());
        assertEquals("zorro", f.name());
        assertEquals((1L << 39) + 12345, f.kills());
        assertEquals(0xabcdef, f.rank());
        assertEquals(-3, view.readMood());
        assertEquals(0xabcdef, view.readRank());
    }

    @Test
    void bitfieldWritesChangeOnlyTheirBitsInTheTarget() throws Exception {
        view.writeMood(-8);
        view.writeTeam(2);
        view.writeKills(0xff_ffff_ffffL);
        Map<String, String> c = target.dump();
        assertEquals("-8", c.get("mood"));
        assertEquals("2", c.get("team"));
        assertEquals("1", c.get("alive"), "a neighbour in the same byte keeps its value");
        assertEquals("99", c.get("level"));
        assertEquals("1", c.get("invisible"));
        assertEquals(Long.toString(0xff_ffff_ffffL), c.get("kills"));
        assertEquals(Long.toString(0xabcdef), c.get("rank"), "the other bitfield of the 64-bit unit keeps its value");
        assertEquals("1", c.get("state"), "bytes outside the units are untouched");
        assertEquals("zorro", c.get("name"));
    }

    @Test
    void batchedBitfieldsOfOneUnitAreWrittenTogether() throws Exception {
        view.write().alive(false).level(3).invisible(false).mood(7).apply();
        Map<String, String> c = target.dump();
        assertEquals("0", c.get("alive"));
        assertEquals("3", c.get("level"));
        assertEquals("0", c.get("invisible"));
        assertEquals("7", c.get("mood"));
        assertEquals("5", c.get("team"), "a bitfield the batch did not set keeps its value");
        view.write().team(1).apply();
        assertEquals("1", target.dump().get("team"), "a second batch reads the unit again");
        assertEquals("7", target.dump().get("mood"));
    }

    @Test
    void enumsWriteTheirCValueAndUnknownValuesKeepTheirNumber() throws Exception {
        view.writeState(FighterState.DEAD);
        assertEquals("7", target.dump().get("state"));
        target.storeUnknownState();
        assertEquals(FighterState.UNKNOWN, view.read().state());
        assertEquals(42, view.readStateRaw());
        view.writeStateRaw(2);
        assertEquals(FighterState.BLOCKING, view.readState());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> view.writeState(FighterState.UNKNOWN));
        assertTrue(e.getMessage().contains("Fighter.state"), e.getMessage());
    }

    @Test
    void unionMembersAreWrittenOneAtATimeThroughTheUnionsView() throws Exception {
        view.statView().writeShield(2.5f);
        view.magazineView().writeAmmo(7);
        Map<String, String> c = target.dump();
        assertEquals(Integer.toString(Float.floatToIntBits(2.5f)), c.get("hp"));
        assertEquals("7", c.get("ammo"));
        assertEquals(2.5f, view.read().stat().shield());
    }

    @Test
    void valuesThatDoNotFitABitfieldAreRejectedBeforeAnythingIsWritten() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> view.writeTeam(8));
        assertTrue(e.getMessage().contains("Fighter.team") && e.getMessage().contains("0..7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> view.writeMood(8));
        assertThrows(IllegalArgumentException.class, () -> view.write().level(128));
        Map<String, String> c = target.dump();
        assertEquals("5", c.get("team"));
        assertEquals("-3", c.get("mood"));
        assertEquals("99", c.get("level"));
        assertFalse(c.isEmpty());
    }

    @Test
    void aPackedStructWithStraddlingBitfieldsReadsAndWritesAsCLaysItOut() throws Exception {
        ArenaEventRemoteView event = ArenaEventRemoteView.at(RemoteProcess.attach(target.pid()), target.eventAddress());
        assertEquals(2, ArenaEventRemoteView.WHEN_OFFSET, "pack(2) caps uint64_t to 2");
        assertEquals(14, ArenaEventRemoteView.WHERE_OFFSET, "after the bitfields end at bit 98, pack(2) caps aligned(8) to 2");
        assertEquals(new ArenaEvent(3, 0x1122334455667788L, 0xabc, -17, -2.25), event.read());
        event.writeDelta(31);
        event.writeCode(0x123);
        event.write().where(8.5).when(-1L).apply();
        Map<String, String> c = target.event();
        assertEquals("31", c.get("delta"));
        assertEquals(Integer.toString(0x123), c.get("code"));
        assertEquals("8.5", c.get("where"));
        assertEquals(Long.toUnsignedString(-1L), c.get("when"));
        assertEquals("3", c.get("kind"));
    }

    @Test
    void aBitfieldWriteIsOneReadAndOneWriteAndABatchWritesAllItsUnitsInOneSyscall() throws Exception {
        long[] before = calls();
        view.writeTeam(3);
        assertCalls(before, 2, 1); // the unit, then the write's identity check (the 16-byte cookie), one write
        before = calls();
        view.write().alive(false).team(1).mood(2).level(5).invisible(false).x(3.0).apply();
        assertCalls(before, 3, 1); // one read per storage unit (bytes 8 and 9), the cookie, one write for everything
        before = calls();
        assertThrows(IllegalArgumentException.class, () -> view.writeTeam(9));
        assertCalls(before, 0, 0);
        before = calls();
        Fighter f = view.read();
        assertCalls(before, 1, 0);
        assertEquals(1, f.team());
        assertEquals(5, f.level());
        assertEquals(3.0, f.x());
        assertEquals("2", target.dump().get("mood"));
    }

    private static long[] calls() {
        return new long[] {SyscallCounts.reads(), SyscallCounts.writes()};
    }

    private static void assertCalls(long[] before, int reads, int writes) {
        assertEquals(reads, SyscallCounts.reads() - before[0], "read syscalls (process_vm_readv or pread of /proc/<pid>/mem)");
        assertEquals(writes, SyscallCounts.writes() - before[1], "process_vm_writev calls");
    }
}
