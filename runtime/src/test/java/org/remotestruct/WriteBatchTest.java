package org.remotestruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotestruct.annotations.CType;
import org.remotestruct.internal.ProcessVm;
import org.remotestruct.spi.FieldWriter;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.PlayerType;
import org.remotestruct.testsupport.PlayerView;

/** Batched writes into a real C process, each confirmed by what the target itself prints. */
class WriteBatchTest {

    /** A one-byte writable cell every 4 bytes: 2048 of them cover the target's 8192-byte pattern. */
    private static final StructLayout CELL = StructLayout.of("cell", 4,
            List.of(new FieldLayout("b", 0, CType.UINT8, 1, 1, true, null, null)));

    private CTarget target;
    private RemoteProcess process;

    @BeforeEach
    void start() {
        target = CTarget.start();
        process = RemoteProcess.attach(target.pid());
    }

    @AfterEach
    void stop() throws InterruptedException {
        target.close();
    }

    private long team(int i) {
        return target.address("team") + i * 648L;
    }

    private static ByteBuffer player(int hp, String name, long score, int level) {
        ByteBuffer b = ByteBuffer.allocate(648).order(ByteOrder.nativeOrder());
        b.putInt(4, hp).putLong(32, score).putInt(640, level);
        PlayerType.encodeName(b, 16, name);
        return b;
    }

    @Test
    void aBatchForATargetThatExitedWritesNothingAndNamesTheFirstStagedField() throws Exception {
        WriteBatch batch = process.newWriteBatch();
        ByteBuffer values = player(1, "gone", 0, 3);
        batch.field("team[1]", PlayerType.LAYOUT, team(1), PlayerType.HP, values)
                .field(PlayerType.LAYOUT, target.address("player"), PlayerType.LEVEL, values);
        target.exitAndWait();
        long before = ProcessVm.writeCalls();
        ProcessGoneException e = assertThrows(ProcessGoneException.class, batch::apply);
        assertEquals(0, ProcessVm.writeCalls() - before, "the identity check stops the batch before the syscall");
        assertEquals("team[1].hp", e.field());
        assertTrue(e.getMessage().startsWith("nothing written to pid " + target.pid()), e.getMessage());
    }

    @Test
    void fieldsOfSeveralStructsLandWithOneSyscall() {
        WriteBatch batch = process.newWriteBatch();
        ByteBuffer values = player(4242, "batched", -5, 77);
        batch.field(PlayerType.LAYOUT, target.address("player"), PlayerType.LEVEL, values)
                .field(PlayerType.LAYOUT, team(1), PlayerType.HP, values)
                .field(PlayerType.LAYOUT, team(1), PlayerType.NAME, values)
                .field(PlayerType.LAYOUT, team(1), PlayerType.LEVEL, values);
        assertEquals(4, batch.size());
        assertEquals(1, batch.syscallsPerApply());
        long before = ProcessVm.writeCalls();
        batch.apply();
        assertEquals(1, ProcessVm.writeCalls() - before);
        assertEquals(0, batch.size(), "apply empties the batch");
        assertEquals("player id=1 hp=101 speed=1.500 name=player-1 score=1000000000001 level=77 flags=1515847681",
                target.command("show player"));
        assertEquals("team id=21 hp=4242 speed=31.500 name=batched score=1000000000021 level=77 flags=1515847701",
                target.command("show team 1"));
        assertEquals("team id=20 hp=120 speed=30.000 name=player-20 score=1000000000020 level=200 flags=1515847700",
                target.command("show team 0"), "a struct not in the batch is untouched");
    }

    @Test
    void viewWritersMoveTheirFieldsIntoTheBatchAndStayReusable() {
        PlayerView first = new PlayerView(process, team(0));
        PlayerView second = new PlayerView(process, team(2));
        WriteBatch batch = process.newWriteBatch();
        FieldWriter w = first.support().newWriter();
        w.buffer().putInt(4, 1);
        w.mark(PlayerType.HP).addTo(batch);
        w = second.support().newWriter();
        w.buffer().putInt(640, 2);
        w.mark(PlayerType.LEVEL).addTo(batch);
        w.buffer().putInt(640, 3); // the batch copied the value: later changes to the writer do not leak in
        long before = ProcessVm.writeCalls();
        batch.apply();
        assertEquals(1, ProcessVm.writeCalls() - before);
        assertEquals(1, first.readHp());
        assertTrue(target.command("show team 2").contains(" level=2 "), "level written as staged");
    }

    @Test
    void stagingAFieldAgainReplacesItsValue() {
        WriteBatch batch = process.newWriteBatch();
        batch.field(PlayerType.LAYOUT, team(0), PlayerType.HP, player(1, "", 0, 0));
        batch.field(PlayerType.LAYOUT, team(0), PlayerType.HP, player(2, "", 0, 0));
        assertEquals(1, batch.size());
        batch.apply();
        assertTrue(target.command("show team 0").contains(" hp=2 "));
    }

    @Test
    void partialWriteNamesFieldsWrittenTornAndNotWrittenAcrossStructs() {
        long edge = CTarget.parseAddress(target.command("edge 20").split(" ")[1]);
        ByteBuffer values = player(0x01020304, "ABCDEFGH", 9, 55);
        WriteBatch batch = process.newWriteBatch();
        batch.field("team[0]", PlayerType.LAYOUT, team(0), PlayerType.HP, values)
                .field("edge", PlayerType.LAYOUT, edge, PlayerType.HP, values)
                .field("edge", PlayerType.LAYOUT, edge, PlayerType.NAME, values)
                .field("edge", PlayerType.LAYOUT, edge, PlayerType.SCORE, values)
                .field("player", PlayerType.LAYOUT, target.address("player"), PlayerType.LEVEL, values);
        PartialWriteException e = assertThrows(PartialWriteException.class, batch::apply);
        assertEquals(List.of("team[0].hp", "edge.hp"), e.completeFields());
        assertEquals("edge.name", e.field());
        assertEquals(4, e.failedFieldBytes());
        assertEquals(List.of("edge.score", "player.level"), e.notAttemptedFields());
        assertEquals(4 + 4 + 4, e.bytesTransferred());
        assertEquals(edge + 20, e.address());
        assertTrue(e.getMessage().contains("Field 'edge.name' got only its first 4 of 16 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("write batch of 3 structs"), e.getMessage());
        // the target sees exactly that: team[0].hp and edge.hp new, name's first 4 bytes new, level old
        assertTrue(target.command("show team 0").contains(" hp=16909060 "));
        assertEquals("edge 07000000" + "04030201" + "0000000000002540" + "41424344", target.command("dump edge"));
        assertTrue(target.command("show player").contains(" level=10 "));
    }

    @Test
    void batchPastIovMaxIsSplitAndSaysSoWhenALaterCallFails() {
        long pattern = target.address("pattern");
        long edge = CTarget.parseAddress(target.command("edge 20").split(" ")[1]);
        WriteBatch batch = process.newWriteBatch();
        ByteBuffer cell = ByteBuffer.allocate(4).put(0, (byte) 0x7f);
        for (int i = 0; i < 1100; i++) { // 1100 separate one-byte iovecs: more than IOV_MAX
            batch.field(CELL, pattern + 4L * i, 0, cell);
        }
        batch.field("edge", PlayerType.LAYOUT, edge, PlayerType.SCORE, player(0, "", 9, 0));
        assertEquals(2, batch.syscallsPerApply());
        long before = ProcessVm.writeCalls();
        PartialWriteException e = assertThrows(PartialWriteException.class, batch::apply);
        assertEquals(2, ProcessVm.writeCalls() - before);
        assertTrue(e.getMessage().contains("needed 2 process_vm_writev calls"), e.getMessage());
        assertTrue(e.getMessage().contains("not written by one syscall: calls 1..1 completed, call 2 failed"),
                e.getMessage());
        assertEquals(1100, e.completeFields().size());
        assertEquals("edge.score", e.field());
        assertEquals(0, e.failedFieldBytes());
        byte[] back = process.readBytes(pattern, 4 * 1100);
        for (int i = 0; i < 1100; i++) {
            assertEquals(0x7f, back[4 * i], "cell " + i + " written by the first or second call");
        }
    }

    @Test
    void splitBatchWritesEverythingWithTheFewestCalls() {
        long pattern = target.address("pattern");
        WriteBatch batch = process.newWriteBatch();
        ByteBuffer cell = ByteBuffer.allocate(4).put(0, (byte) 1);
        for (int i = 0; i < 2048; i++) {
            batch.field(CELL, pattern + 4L * i, 0, cell);
        }
        long before = ProcessVm.writeCalls();
        batch.apply();
        assertEquals(2, ProcessVm.writeCalls() - before);
        byte[] expected = process.readBytes(pattern, 8192);
        for (int i = 0; i < 8192; i++) {
            // the C target filled pattern[i] = i * 7 + 3; every 4th byte is now 1
            assertEquals(i % 4 == 0 ? 1 : (byte) (i * 7 + 3), expected[i], "byte " + i);
        }
    }

    @Test
    void nothingLandsWhenTheFirstByteIsUnmapped() {
        long edge = CTarget.parseAddress(target.command("edge 20").split(" ")[1]);
        WriteBatch batch = process.newWriteBatch();
        batch.field(PlayerType.LAYOUT, edge, PlayerType.SCORE, player(0, "", 9, 0));
        BadAddressException e = assertThrows(BadAddressException.class, batch::apply);
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
        assertEquals(0, batch.size(), "a failed apply empties the batch too");
    }

    @Test
    void readOnlyFieldsForeignProcessesAndShortBuffersAreRefusedBeforeAnyWrite() {
        WriteBatch batch = process.newWriteBatch();
        ByteBuffer values = player(1, "", 0, 0);
        IllegalArgumentException ro = assertThrows(IllegalArgumentException.class,
                () -> batch.field(PlayerType.LAYOUT, team(0), PlayerType.ID, values));
        assertTrue(ro.getMessage().contains("is not writable"), ro.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
                () -> batch.field(PlayerType.LAYOUT, team(0), PlayerType.LEVEL, ByteBuffer.allocate(64)));
        FieldWriter foreign = new PlayerView(RemoteProcess.self(), 0x1000).support().newWriter();
        foreign.mark(PlayerType.HP);
        assertThrows(IllegalArgumentException.class, () -> foreign.addTo(batch));
        long before = ProcessVm.writeCalls();
        batch.apply();
        assertEquals(0, ProcessVm.writeCalls() - before, "an empty batch makes no syscall");
    }

    @Test
    void unchangedFieldsAroundStagedOnesKeepTheirBytes() {
        WriteBatch batch = process.newWriteBatch();
        batch.field(PlayerType.LAYOUT, team(2), PlayerType.SCORE, player(0, "", 123, 0));
        batch.apply();
        ByteBuffer back = ByteBuffer.allocateDirect(648).order(ByteOrder.nativeOrder());
        process.read(team(2), back);
        assertEquals(123, back.getLong(32));
        assertEquals(122, back.getInt(4));
        assertArrayEquals(new byte[] {(byte) 0xEE, (byte) 0xEE}, new byte[] {back.get(40), back.get(639)},
                "padding between fields is never written");
    }
}
