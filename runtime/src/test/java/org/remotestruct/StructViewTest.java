package org.remotestruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.remotestruct.internal.ProcessVm;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.Player;
import org.remotestruct.testsupport.PlayerType;
import org.remotestruct.testsupport.PlayerView;

/**
 * The untyped view against a real C process ({@code rs_target.c}), holding only a
 * {@code StructType<?>} as a tool would: reads by name, writes by name with the generated views'
 * checks, staging in batches, and failures labelled exactly as batches label them.
 */
class StructViewTest {

    private CTarget target;
    private RemoteProcess process;
    /** What a tool holds: a type found at run time, not the record class. */
    private final StructType<?> type = PlayerType.TYPE;

    @BeforeEach
    void start() {
        target = CTarget.start();
        process = RemoteProcess.attach(target.pid());
        process.readTransport(); // opens /proc/<pid>/mem now: the counts below see each read's own syscall
    }

    @AfterEach
    void stop() throws InterruptedException {
        target.close();
    }

    private StructView<?> player() {
        return StructView.of(type, process, target.address("player"));
    }

    private long team(int i) {
        return target.address("team") + i * 648L;
    }

    @Test
    void readToMapAndReadFieldReturnWhatTheTargetHoldsWithOneSyscallEach() {
        StructView<?> view = player();
        long reads = SyscallCounts.reads();
        Map<String, Object> all = view.readToMap();
        assertEquals(1, SyscallCounts.reads() - reads);
        assertEquals(List.of("id", "hp", "speed", "name", "score", "level", "flags"), List.copyOf(all.keySet()));
        assertEquals(101, all.get("hp"));
        assertEquals("player-1", all.get("name"));
        reads = SyscallCounts.reads();
        assertEquals(10, view.readField("level"));
        assertEquals(1, SyscallCounts.reads() - reads);
        assertEquals(new PlayerView(process, view.address()).read(), view.read());
    }

    @Test
    void writeFieldByNameIsWhatTheTargetThenSeesWithOneWriteSyscall() {
        StructView<?> view = player();
        long writes = ProcessVm.writeCalls();
        view.writeField("hp", 4242);
        view.writeField("name", "renamed");
        view.writeField("score", -5L);
        view.writeField("speed", 2.25);
        assertEquals(4, ProcessVm.writeCalls() - writes, "one process_vm_writev per field write");
        String shown = target.command("show player");
        assertTrue(shown.contains(" hp=4242 ") && shown.contains(" name=renamed ") && shown.contains(" score=-5 ")
                && shown.contains(" speed=2.250 "), shown);
        assertTrue(shown.contains(" id=1 ") && shown.contains(" level=10 "), "other fields untouched: " + shown);
    }

    @Test
    void refusedWritesNameTheFieldAndMakeNoSyscall() {
        StructView<?> view = player();
        IllegalArgumentException readOnly = refused(() -> view.writeField("id", 9));
        assertTrue(readOnly.getMessage().contains("field 'id' of struct player is not writable"),
                readOnly.getMessage());
        IllegalArgumentException unknown = refused(() -> view.writeField("mana", 9));
        assertTrue(unknown.getMessage().contains("struct player has no field 'mana'")
                && unknown.getMessage().contains("hp"), unknown.getMessage());
        IllegalArgumentException range = refused(() -> view.writeField("hp", 1L << 40));
        assertTrue(range.getMessage().contains("field Player.hp: 1099511627776 does not fit its 32 signed bits"),
                range.getMessage());
        IllegalArgumentException tooLong = refused(() -> view.writeField("name", "a name far too long"));
        assertTrue(tooLong.getMessage().contains("char[16] holds 16"), tooLong.getMessage());
        IllegalArgumentException charset = refused(() -> view.writeField("name", "café"));
        assertTrue(charset.getMessage().contains("cannot be encoded in US-ASCII"), charset.getMessage());
        IllegalArgumentException wrongType = refused(() -> view.writeField("hp", "12"));
        assertTrue(wrongType.getMessage().contains("field Player.hp (int32_t) takes an integer"),
                wrongType.getMessage());
        assertThrows(IllegalArgumentException.class, () -> view.readField("mana"));
        long writes = ProcessVm.writeCalls();
        assertThrows(NullPointerException.class, () -> view.writeField("name", null));
        assertEquals(0, ProcessVm.writeCalls() - writes);
        String shown = target.command("show player");
        assertTrue(shown.contains(" hp=101 ") && shown.contains(" name=player-1 "), "nothing was written: " + shown);
    }

    private static IllegalArgumentException refused(Executable write) {
        long reads = SyscallCounts.reads();
        long writes = ProcessVm.writeCalls();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, write);
        assertEquals(0, SyscallCounts.reads() - reads, "no read for a refused value");
        assertEquals(0, ProcessVm.writeCalls() - writes, "no write for a refused value");
        return e;
    }

    @Test
    void encodeByNameFillsAStructBufferWithoutAProcessAndLeavesItUntouchedOnRefusal() {
        ByteBuffer struct = ByteBuffer.allocate(type.size()).order(ByteOrder.nativeOrder());
        StructView.encode(type, "hp", 77, struct);
        StructView.encode(type, "name", "encoded", struct);
        assertEquals(77, type.decodeToMap(struct, 0).get("hp"));
        assertEquals("encoded", type.decodeToMap(struct, 0).get("name"));
        ByteBuffer before = ByteBuffer.allocate(type.size()).put(struct.duplicate().clear()).flip();
        assertThrows(IllegalArgumentException.class, () -> StructView.encode(type, "hp", 1L << 33, struct));
        assertThrows(IllegalArgumentException.class, () -> StructView.encode(type, "name", "x".repeat(17), struct));
        assertEquals(before, struct.duplicate().clear(), "a refused value changes no byte");
    }

    @Test
    void fieldsStagedByNameInSeveralStructsLandWithOneSyscall() {
        WriteBatch batch = process.newWriteBatch();
        player().stageField(batch, "hp", 7).stageField(batch, "level", 70);
        StructView.of(type, process, team(2)).stageField(batch, "team[2]", "name", "second");
        assertThrows(IllegalArgumentException.class, () -> player().stageField(batch, "id", 1));
        assertEquals(3, batch.size());
        long writes = ProcessVm.writeCalls();
        batch.apply();
        assertEquals(1, ProcessVm.writeCalls() - writes);
        assertTrue(target.command("show player").contains(" hp=7 "));
        assertTrue(target.command("show player").contains(" level=70 "));
        assertTrue(target.command("show team 2").contains(" name=second "));
    }

    @Test
    void readBatchReadsUntypedViewsAndArraysToMapsInOneSyscall() {
        ReadBatch batch = process.newReadBatch();
        Supplier<Map<String, Object>> player = batch.addToMap(player());
        Supplier<List<Map<String, Object>>> team = batch.addArrayToMaps(type, team(0), 3);
        StructView<Player> typed = StructView.of(PlayerType.TYPE, process, team(1));
        Supplier<Player> one = batch.add(typed);
        long reads = ProcessVm.readCalls();
        batch.execute();
        assertEquals(1, ProcessVm.readCalls() - reads);
        assertEquals("player-1", player.get().get("name"));
        assertEquals(List.of(120, 121, 122), team.get().stream().map(m -> m.get("hp")).toList());
        assertEquals(121, one.get().hp());
    }

    @Test
    void arraysReadWholeWithOneSyscallAndElementViewsReadTheirElement() {
        long reads = SyscallCounts.reads();
        List<Map<String, Object>> maps = StructView.readArrayToMaps(type, process, team(0), 3);
        List<Player> players = StructView.readArray(PlayerType.TYPE, process, team(0), 3);
        assertEquals(2, SyscallCounts.reads() - reads);
        assertEquals("player-22", maps.get(2).get("name"));
        assertEquals(maps.get(1).get("hp"), players.get(1).hp());
        StructView<?> second = StructView.of(type, process, team(0)).element(2);
        second.writeField("hp", 5);
        assertEquals(5, second.readField("hp"));
        assertTrue(target.command("show team 2").contains(" hp=5 "));
    }

    @Test
    void failuresOfViewsAndBatchesLabelTheFieldAlike() {
        long edge = CTarget.parseAddress(target.command("edge 20").split(" ")[1]);
        String label = "player@0x" + Long.toHexString(edge) + ".";
        StructView<?> view = StructView.of(type, process, edge);

        PartialTransferException viewRead = assertThrows(PartialTransferException.class, view::read);
        ReadBatch reads = process.newReadBatch();
        reads.addToMap(view);
        PartialTransferException batchRead = assertThrows(PartialTransferException.class, reads::execute);
        PartialTransferException generatedRead = assertThrows(PartialTransferException.class,
                new PlayerView(process, edge)::read);
        assertEquals(label + "name", viewRead.field());
        assertEquals(viewRead.field(), batchRead.field());
        assertEquals(viewRead.field(), generatedRead.field());
        assertEquals(viewRead.completeFields(), batchRead.completeFields());

        PartialWriteException viewWrite = assertThrows(PartialWriteException.class,
                () -> view.writeField("name", "ABCDEFGH"));
        WriteBatch writes = process.newWriteBatch();
        view.stageField(writes, "name", "ABCDEFGH");
        PartialWriteException batchWrite = assertThrows(PartialWriteException.class, writes::apply);
        assertEquals(label + "name", viewWrite.field());
        assertEquals(viewWrite.field(), batchWrite.field());
        assertEquals(4, viewWrite.failedFieldBytes());
        assertEquals(4, batchWrite.failedFieldBytes());
        assertTrue(viewWrite.getMessage().contains("Field '" + label + "name' got only its first 4 of 16 bytes"),
                viewWrite.getMessage());
    }
}
