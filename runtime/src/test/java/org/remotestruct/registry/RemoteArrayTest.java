package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotestruct.PartialTransferException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.Player;
import org.remotestruct.testsupport.PlayerType;

/** RemoteArray against a real C process. */
class RemoteArrayTest {

    @Test
    void shortReadOfAnArrayNamesTheElementAndFieldItStoppedAt() throws InterruptedException {
        try (CTarget target = CTarget.start()) {
            RemoteProcess process = RemoteProcess.attach(target.pid());
            // 20 bytes mapped before an unmapped page: id, hp and speed of element 0, 4 bytes of its name
            long edge = CTarget.parseAddress(target.command("edge 20").split(" ")[1]);
            RemoteArray<Player> array = new RemoteArray<>(process, edge, 2, PlayerType.TYPE);
            PartialTransferException e = assertThrows(PartialTransferException.class, array::read);
            String at = "player@0x" + Long.toHexString(edge);
            assertEquals(at + "[0].name", e.field());
            assertEquals(4, e.failedFieldBytes());
            assertEquals(20, e.bytesTransferred());
            assertEquals(List.of(at + "[0].id", at + "[0].hp", at + "[0].speed"), e.completeFields());
            assertTrue(e.getMessage().contains("field '" + at + "[0].name'"), e.getMessage());
        }
    }
}
