package org.remotestruct.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotestruct.PartialWriteException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.internal.ProcessVm;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.PlayerType;
import org.remotestruct.testsupport.PlayerView;

/** Writes into a real C process, each confirmed by what the target itself prints. */
class FieldWriterTest {

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

    @Test
    void writeOfOneFieldChangesOnlyThatFieldInTheTarget() {
        PlayerView view = new PlayerView(process, target.address("player"));
        long before = ProcessVm.writeCalls();
        view.writeHp(4242);
        assertEquals(1, ProcessVm.writeCalls() - before);
        assertEquals("player id=1 hp=4242 speed=1.500 name=player-1 score=1000000000001 level=10 flags=1515847681",
                target.command("show player"));
    }

    @Test
    void markedFieldsInBothSpansLandWithOneSyscall() {
        PlayerView view = new PlayerView(process, target.address("player"));
        FieldWriter w = view.writer();
        w.buffer().putInt(4, 7).putDouble(8, 2.25).putLong(32, -5).putInt(640, 99);
        PlayerType.encodeName(w.buffer(), 16, "renamed");
        long before = ProcessVm.writeCalls();
        w.mark(PlayerType.LEVEL).mark(PlayerType.HP).mark(PlayerType.SPEED).mark(PlayerType.NAME)
                .mark(PlayerType.SCORE).apply();
        assertEquals(1, ProcessVm.writeCalls() - before);
        assertEquals("player id=1 hp=7 speed=2.250 name=renamed score=-5 level=99 flags=1515847681",
                target.command("show player"));
    }

    @Test
    void singleFieldWritesReuseOneWriterWhileNewWriterGivesAFreshOne() {
        ViewSupport support = new ViewSupport(process, target.address("player"), PlayerType.LAYOUT);
        FieldWriter shared = support.fieldWriter();
        assertSame(shared, support.fieldWriter());
        assertNotSame(shared, support.newWriter());
        assertNotSame(support.newWriter(), support.newWriter());
    }

    @Test
    void applyClearsMarksSoASecondApplyWritesNothing() {
        PlayerView view = new PlayerView(process, target.address("player"));
        view.writeHp(1);
        long before = ProcessVm.writeCalls();
        view.writer().apply();
        assertEquals(0, ProcessVm.writeCalls() - before);
    }

    @Test
    void markRefusesFieldsThatAreNotWritable() {
        PlayerView view = new PlayerView(process, target.address("player"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> view.writer().mark(PlayerType.ID));
        assertTrue(e.getMessage().contains("'id'"), e.getMessage());
    }

    @Test
    void partialWriteNamesFieldsWrittenTornAndNotWritten() {
        // 20 bytes mapped: hp and speed land, name gets 4 of its 16 bytes, score is not written
        long edge = CTarget.parseAddress(target.command("edge 20").split(" ")[1]);
        PlayerView view = new PlayerView(process, edge);
        FieldWriter w = view.writer();
        w.buffer().putInt(4, 0x01020304).putDouble(8, 0.0).putLong(32, 9);
        PlayerType.encodeName(w.buffer(), 16, "ABCDEFGH");
        w.mark(PlayerType.HP).mark(PlayerType.SPEED).mark(PlayerType.NAME).mark(PlayerType.SCORE);
        PartialWriteException e = assertThrows(PartialWriteException.class, w::apply);
        // Views label fields as batches do: <struct>@<address>.<field>
        String at = "player@0x" + Long.toHexString(edge) + ".";
        assertEquals(List.of(at + "hp", at + "speed"), e.completeFields());
        assertEquals(at + "name", e.field());
        assertEquals(4, e.failedFieldBytes());
        assertEquals(List.of(at + "score"), e.notAttemptedFields());
        assertEquals(16, e.bytesTransferred());
        assertTrue(e.getMessage().contains("got only its first 4 of 16 bytes"), e.getMessage());
        // the target sees exactly that: hp and speed new, name's first 4 bytes new, nothing else
        assertEquals("edge 07000000" + "04030201" + "0000000000000000" + "41424344",
                target.command("dump edge"));
    }
}
