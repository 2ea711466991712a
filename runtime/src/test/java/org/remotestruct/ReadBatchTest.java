package org.remotestruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
}
