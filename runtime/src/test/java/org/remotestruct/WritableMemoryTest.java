package org.remotestruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.internal.ProcessVm;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.PlayerType;
import org.remotestruct.testsupport.PlayerView;

/**
 * Every write path refuses memory that is not the target's private writable memory before any
 * byte is written: {@code process_vm_writev} itself would write through a {@code MAP_SHARED} file
 * mapping into the file on disk.
 */
class WritableMemoryTest {

    @TempDir
    Path dir;

    private static void refusedWithoutAWrite(Executable write, String field) {
        long writes = ProcessVm.writeCalls();
        UnwritableMemoryException e = assertThrows(UnwritableMemoryException.class, write);
        assertEquals(0, ProcessVm.writeCalls() - writes, "no process_vm_writev");
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains("lies in a shared mapping; only private mappings are written"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("nothing written to pid "), e.getMessage());
    }

    @Test
    void writesIntoASharedFileMappingAreRefusedByEveryWritePathAndTheFileIsUnchanged() throws Exception {
        byte[] content = new byte[4096];
        Arrays.fill(content, (byte) 0x5a);
        Path file = Files.write(dir.resolve("shared.bin"), content);
        try (CTarget target = CTarget.start()) {
            long address = CTarget.parseAddress(target.command("shared " + file).split(" ")[1]);
            RemoteProcess p = RemoteProcess.attach(target.pid());
            PlayerView view = new PlayerView(p, address);
            assertEquals(0x5a5a5a5a, view.readHp(), "reading a shared mapping is fine");

            refusedWithoutAWrite(() -> view.writeHp(5), "player@0x" + Long.toHexString(address) + ".hp");
            refusedWithoutAWrite(() -> p.writeBytes(address + 4, new byte[4], 0, 4), null);
            WriteBatch batch = p.newWriteBatch();
            ByteBuffer values = ByteBuffer.allocate(PlayerType.LAYOUT.size()).order(ByteOrder.nativeOrder());
            batch.field("shared", PlayerType.LAYOUT, address, PlayerType.HP, values);
            refusedWithoutAWrite(batch::apply, "shared.hp");

            assertArrayEquals(content, Files.readAllBytes(file), "the file on disk is unchanged");
        }
    }
}
