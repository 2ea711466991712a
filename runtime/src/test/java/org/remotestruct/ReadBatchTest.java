package org.remotestruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.remotestruct.internal.ProcessVm;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.Player;
import org.remotestruct.testsupport.PlayerType;
import org.remotestruct.testsupport.PlayerView;

/** Batched reads of a real C process. */
class ReadBatchTest {

    private static CTarget target;
    private static RemoteProcess process;

    @BeforeAll
    static void start() {
        target = CTarget.start();
        process = RemoteProcess.attach(target.pid());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        target.close();
    }

    private static PlayerView team(int i) {
        return new PlayerView(process, target.address("team") + i * 648L);
    }

    @Test
    void severalViewsAndAnArrayAreReadWithOneSyscall() {
        ReadBatch batch = process.newReadBatch();
        Supplier<Player> player = batch.add(new PlayerView(process, target.address("player")));
        Supplier<Player> second = batch.add(team(1));
        Supplier<List<Player>> all = batch.addArray(PlayerType.TYPE, target.address("team"), 3);
        Supplier<List<Player>> none = batch.addArray(PlayerType.TYPE, target.address("team"), 0);
        long before = ProcessVm.readCalls();
        batch.execute();
        assertEquals(1, ProcessVm.readCalls() - before);
        assertEquals(Player.filled(1), player.get());
        assertEquals(Player.filled(21), second.get());
        assertEquals(List.of(Player.filled(20), Player.filled(21), Player.filled(22)), all.get());
        assertEquals(List.of(), none.get());
    }

    @Test
    void anArrayIsDecodedWithOneDecodeAllOfItsTypeAtEachStructsOffset() {
        List<int[]> calls = new ArrayList<>();
        StructType<Player> counting = new StructType<>() {
            @Override
            public Class<Player> recordType() {
                return Player.class;
            }

            @Override
            public StructLayout layout() {
                return PlayerType.TYPE.layout();
            }

            @Override
            public Player decode(ByteBuffer buffer, int offset) {
                return PlayerType.TYPE.decode(buffer, offset);
            }

            @Override
            public void decodeAll(ByteBuffer buffer, int[] offsets, Player[] out, int count) {
                calls.add(Arrays.copyOf(offsets, count));
                StructType.super.decodeAll(buffer, offsets, out, count);
            }

            @Override
            public Map<String, Object> decodeToMap(ByteBuffer buffer, int offset) {
                return PlayerType.TYPE.decodeToMap(buffer, offset);
            }

            @Override
            public void encode(Player value, ByteBuffer buffer, int offset) {
                PlayerType.TYPE.encode(value, buffer, offset);
            }

            @Override
            public RemoteView<Player> view(RemoteProcess p, long address) {
                return PlayerType.TYPE.view(p, address);
            }
        };
        ReadBatch batch = process.newReadBatch();
        Supplier<List<Player>> all = batch.addArray(counting, target.address("team"), 3);
        batch.execute();

        assertEquals(List.of(Player.filled(20), Player.filled(21), Player.filled(22)), all.get());
        assertEquals(1, calls.size());
        int size = PlayerType.TYPE.size();
        int first = calls.get(0)[0];
        assertTrue(Arrays.equals(new int[] {first, first + size, first + 2 * size}, calls.get(0)),
                Arrays.toString(calls.get(0)));
        all.get();
        assertEquals(1, calls.size()); // decoded once per execute, as before
    }

    @Test
    void executeAgainSeesNewValuesWithTheSameIovecs() {
        ReadBatch batch = process.newReadBatch();
        PlayerView view = team(2);
        Supplier<Player> p = batch.add(view);
        batch.execute();
        assertEquals(122, p.get().hp());
        view.writeHp(555);
        long before = ProcessVm.readCalls();
        batch.execute();
        assertEquals(1, ProcessVm.readCalls() - before);
        assertEquals(555, p.get().hp());
        view.writeHp(122);
    }

    @Test
    void getBeforeExecuteIsAnIllegalStateNamingTheRead() {
        ReadBatch batch = process.newReadBatch();
        Supplier<Player> p = batch.add(team(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, p::get);
        assertTrue(e.getMessage().contains("call execute()"), e.getMessage());
        batch.execute();
        batch.add(team(1));
        assertThrows(IllegalStateException.class, p::get, "adding a read invalidates values until execute()");
    }

    @Test
    void moreThanIovMaxIovecsSplitIntoAsFewSyscallsAsTheKernelAllows() {
        ReadBatch batch = process.newReadBatch();
        List<Supplier<Player>> players = new ArrayList<>();
        for (int i = 0; i < 600; i++) { // 2 spans each: 1200 iovecs, over the 1024 limit
            players.add(batch.add(team(i % 3)));
        }
        assertEquals(2, batch.syscallsPerExecute());
        long before = ProcessVm.readCalls();
        batch.execute();
        assertEquals(2, ProcessVm.readCalls() - before);
        assertEquals(Player.filled(20 + 599 % 3), players.get(599).get());
    }

    @Test
    void failedBatchNamesTheViewAndFieldAndKeepsWhatWasReadFully() {
        long edge = CTarget.parseAddress(target.command("edge 20").split(" ")[1]);
        ReadBatch batch = process.newReadBatch();
        Supplier<Player> first = batch.add(team(0));
        Supplier<Player> broken = batch.add(new PlayerView(process, edge));
        Supplier<Player> last = batch.add(team(1));
        PartialTransferException e = assertThrows(PartialTransferException.class, batch::execute);
        String prefix = "player@0x" + Long.toHexString(edge) + ".";
        assertEquals(prefix + "name", e.field());
        assertTrue(e.completeFields().contains(prefix + "speed"), e.completeFields().toString());
        assertTrue(e.getMessage().contains("struct player (648 bytes at 0x" + Long.toHexString(edge) + ")"),
                e.getMessage());
        assertEquals(Player.filled(20), first.get());
        IllegalStateException notRead = assertThrows(IllegalStateException.class, last::get);
        assertEquals(e, notRead.getCause());
        assertThrows(IllegalStateException.class, broken::get);
    }

    @Test
    void viewsOfAnotherProcessAreRefused() {
        ReadBatch batch = RemoteProcess.self().newReadBatch();
        assertThrows(IllegalArgumentException.class, () -> batch.add(team(0)));
    }

    @Test
    void addAllReadsScatteredStructsInOneSyscallAndDecodesWhatSingleReadsDo() {
        long player = target.address("player");
        long[] addresses = {team(2).address(), player, team(0).address(), team(1).address(), player};
        ReadBatch batch = process.newReadBatch();
        BulkRead<Player> bulk = batch.addAll(PlayerType.TYPE, addresses);
        addresses[0] = 0; // the batch keeps its own copy
        long before = ProcessVm.readCalls();
        batch.execute();
        assertEquals(1, ProcessVm.readCalls() - before);

        List<Player> expected = new ArrayList<>();
        for (int i = 0; i < bulk.size(); i++) {
            expected.add(new PlayerView(process, bulk.address(i)).read());
        }
        assertEquals(List.of(Player.filled(22), Player.filled(1), Player.filled(20), Player.filled(21),
                Player.filled(1)), expected);
        assertEquals(expected, bulk.toList());
        assertEquals(5, bulk.readCount());
        Player[] out = new Player[6];
        assertEquals(5, bulk.decodeInto(out));
        assertEquals(expected, Arrays.asList(out).subList(0, 5));
        assertEquals(null, out[5], "nothing past the structs is written");
        List<Player> each = new ArrayList<>();
        bulk.forEach(each::add);
        assertEquals(expected, each);
        for (int i = 0; i < 5; i++) {
            assertEquals(expected.get(i), bulk.get(i));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> bulk.get(5));
        assertEquals(5, batch.size());
    }

    @Test
    void addAllSeesNewValuesOnEveryExecuteBesideOtherReadsOfTheBatch() {
        ReadBatch batch = process.newReadBatch();
        Supplier<Player> single = batch.add(team(0));
        BulkRead<Player> bulk = batch.addAll(PlayerType.TYPE, new long[] {team(2).address(), team(1).address()});
        Supplier<List<Player>> array = batch.addArray(PlayerType.TYPE, target.address("team"), 3);
        batch.execute();
        assertEquals(List.of(Player.filled(22), Player.filled(21)), bulk.toList());
        team(2).writeHp(777);
        batch.execute();
        assertEquals(777, bulk.get(0).hp());
        assertEquals(777, array.get().get(2).hp());
        assertEquals(Player.filled(20), single.get());
        team(2).writeHp(122);
    }

    @Test
    void addAllFailureKeepsTheStructsReadBeforeItAndNamesTheRestWithTheirLabel() {
        long edge = CTarget.parseAddress(target.command("edge 20").split(" ")[1]);
        ReadBatch batch = process.newReadBatch();
        BulkRead<Player> bulk = batch.addAll(PlayerType.TYPE,
                new long[] {team(0).address(), team(1).address(), edge, team(2).address()});
        Supplier<Player> after = batch.add(team(0));

        PartialTransferException e = assertThrows(PartialTransferException.class, batch::execute);

        String label = "player@0x" + Long.toHexString(edge);
        assertEquals(label + ".name", e.field());
        assertEquals(2, bulk.readCount());
        assertEquals(Player.filled(20), bulk.get(0));
        assertEquals(Player.filled(21), bulk.get(1));
        for (int i : new int[] {2, 3}) {
            IllegalStateException notRead = assertThrows(IllegalStateException.class, () -> bulk.get(i));
            assertEquals(e, notRead.getCause());
            assertTrue(notRead.getMessage().contains(Long.toHexString(bulk.address(i))), notRead.getMessage());
        }
        IllegalStateException list = assertThrows(IllegalStateException.class, bulk::toList);
        assertTrue(list.getMessage().contains("struct player (648 bytes at 0x" + Long.toHexString(edge) + ")"),
                list.getMessage());
        assertEquals(e, list.getCause());
        Player[] out = new Player[4];
        assertEquals(2, bulk.decodeInto(out));
        assertEquals(List.of(Player.filled(20), Player.filled(21)), List.of(out[0], out[1]));
        assertEquals(null, out[2]);
        List<Player> passed = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> bulk.forEach(passed::add));
        assertEquals(List.of(Player.filled(20), Player.filled(21)), passed);
        assertThrows(IllegalStateException.class, after::get);
    }

    @Test
    void addAllBeforeExecuteOrAfterAnotherAddIsAnIllegalStateNamingTheStruct() {
        ReadBatch batch = process.newReadBatch();
        BulkRead<Player> bulk = batch.addAll(PlayerType.TYPE, new long[] {team(0).address()});
        assertEquals(0, bulk.readCount());
        IllegalStateException e = assertThrows(IllegalStateException.class, bulk::toList);
        assertTrue(e.getMessage().contains("call execute()"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> bulk.decodeInto(new Player[1]));
        batch.execute();
        assertEquals(List.of(Player.filled(20)), bulk.toList());
        batch.addAll(PlayerType.TYPE, new long[0]);
        assertThrows(IllegalStateException.class, () -> bulk.get(0), "adding a read invalidates values until execute()");
        assertThrows(IllegalArgumentException.class, () -> bulk.decodeInto(new Player[0]));
    }
}
