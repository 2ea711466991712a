package org.remotestruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.remotestruct.internal.ProcessVm;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.PlayerView;

/** Attaching, identity and raw byte access against real processes. */
class RemoteProcessTest {

    private static byte[] pattern(int from, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ((from + i) * 7 + 3);
        }
        return b;
    }

    @Test
    void attachRecordsPidAndStartTimeOfTheTarget() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess p = RemoteProcess.attach(target.pid());
            assertEquals(target.pid(), p.pid());
            assertTrue(p.startTime() > 0);
            assertTrue(p.isAlive());
            p.verifyIdentity();
            assertEquals(p, RemoteProcess.attach(target.pid()));
        }
    }

    @Test
    void attachWorksWhenTheTargetsCommandNameIsNotUtf8() throws Exception {
        // A comm cut at 15 bytes inside a UTF-8 sequence, or set by prctl, is arbitrary bytes.
        Process sh = new ProcessBuilder("sh", "-c", "printf '\\377bad' > /proc/$$/comm && echo set && read x")
                .redirectErrorStream(true).start();
        try {
            byte[] line = sh.getInputStream().readNBytes(4);
            assertArrayEquals("set\n".getBytes(StandardCharsets.US_ASCII), line);
            RemoteProcess p = RemoteProcess.attach((int) sh.pid());
            assertTrue(p.isAlive());
            p.verifyIdentity();
        } finally {
            sh.destroy();
            sh.waitFor();
        }
    }

    @Test
    void selfIsThisJvm() {
        assertEquals(ProcessHandle.current().pid(), RemoteProcess.self().pid());
    }

    @Test
    void attachToNonExistentPidIsProcessGone() {
        ProcessGoneException e = assertThrows(ProcessGoneException.class, () -> RemoteProcess.attach(Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("no process with pid " + Integer.MAX_VALUE), e.getMessage());
        assertFalse(e.pidReused());
        assertThrows(IllegalArgumentException.class, () -> RemoteProcess.attach(0));
    }

    @Test
    void readBytesReturnsTheTargetsBytesWithOneSyscall() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess p = RemoteProcess.attach(target.pid());
            long before = ProcessVm.readCalls();
            assertArrayEquals(pattern(100, 5000), p.readBytes(target.address("pattern") + 100, 5000));
            assertEquals(1, ProcessVm.readCalls() - before);
            assertEquals(0, p.readBytes(target.address("pattern"), 0).length);
        }
    }

    @Test
    void readIntoDirectBufferFillsFromPositionToLimit() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess p = RemoteProcess.attach(target.pid());
            ByteBuffer dst = ByteBuffer.allocateDirect(64);
            dst.position(8).limit(40);
            p.read(target.address("pattern"), dst);
            assertEquals(40, dst.position());
            byte[] got = new byte[32];
            dst.get(8, got);
            assertArrayEquals(pattern(0, 32), got);
            assertThrows(IllegalArgumentException.class, () -> p.read(target.address("pattern"), ByteBuffer.allocate(4)));
        }
    }

    @Test
    void repeatedReadsIntoOneBufferAndIntoItsSlicesLandWhereEachBufferSays() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess p = RemoteProcess.attach(target.pid());
            long pattern = target.address("pattern");
            ByteBuffer dst = ByteBuffer.allocateDirect(64);
            ByteBuffer tail = dst.slice(32, 32); // another buffer over the same memory, 32 bytes on
            for (int i = 0; i < 3; i++) {
                dst.clear();
                p.read(pattern + i, dst);
                byte[] got = new byte[64];
                dst.get(0, got);
                assertArrayEquals(pattern(i, 64), got);
                tail.clear();
                p.read(pattern + 100, tail);
                byte[] slice = new byte[32];
                dst.get(32, slice);
                assertArrayEquals(pattern(100, 32), slice, "the slice's own address, not the last buffer's");
            }
            assertThrows(IllegalArgumentException.class, () -> p.read(pattern, ByteBuffer.allocate(4)));
        }
    }

    @Test
    void readRefusesAReadOnlyBufferInsteadOfWritingThroughIt() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess p = RemoteProcess.attach(target.pid());
            ByteBuffer backing = ByteBuffer.allocateDirect(16);
            ByteBuffer readOnly = backing.asReadOnlyBuffer();
            long before = ProcessVm.readCalls();
            assertThrows(ReadOnlyBufferException.class, () -> p.read(target.address("pattern"), readOnly));
            assertEquals(0, ProcessVm.readCalls() - before);
            assertEquals(0, readOnly.position());
            assertEquals(0L, backing.getLong(0));
        }
    }

    @Test
    void writeBytesIsSeenByTheTarget() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess p = RemoteProcess.attach(target.pid());
            byte[] name = "xxraw-name\0".getBytes(StandardCharsets.US_ASCII);
            p.writeBytes(target.address("player") + 16, name, 2, name.length - 2);
            assertTrue(target.command("show player").contains(" name=raw-name "));
        }
    }

    @Test
    void rawReadAcrossAnUnmappedPageSaysHowManyBytesArrived() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess p = RemoteProcess.attach(target.pid());
            long edge = CTarget.parseAddress(target.command("edge 20").split(" ")[1]);
            PartialTransferException e = assertThrows(PartialTransferException.class, () -> p.readBytes(edge, 64));
            assertEquals(20, e.bytesTransferred());
            assertEquals(edge + 20, e.address());
            assertTrue(e.getMessage().contains("20 of 64 bytes"), e.getMessage());
            PartialWriteException w = assertThrows(PartialWriteException.class,
                    () -> p.writeBytes(edge, new byte[64], 0, 64));
            assertEquals(20, w.bytesTransferred());
        }
    }

    @Test
    void writesCheckTheTargetsIdentityFirstAndAttemptNothingOnceItIsGone() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess p = RemoteProcess.attach(target.pid());
            PlayerView view = new PlayerView(p, target.address("player"));
            target.exitAndWait();
            long writes = ProcessVm.writeCalls();
            ProcessGoneException e = assertThrows(ProcessGoneException.class, () -> view.writeHp(5));
            assertEquals(0, ProcessVm.writeCalls() - writes, "no process_vm_writev once the identity check failed");
            assertEquals("player@0x" + Long.toHexString(target.address("player")) + ".hp", e.field());
            assertTrue(e.getMessage().startsWith("nothing written to pid " + target.pid()), e.getMessage());
            assertFalse(e.pidReused());
        }
    }

    @Test
    void readsOfAnExitedProcessAreProcessGone() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess p = RemoteProcess.attach(target.pid());
            PlayerView view = new PlayerView(p, target.address("player"));
            target.exitAndWait();
            ProcessGoneException e = assertThrows(ProcessGoneException.class, view::read);
            assertEquals(target.pid(), e.pid());
            assertEquals(null, e.field(), "a gone process is not the fault of the struct's first field");
            assertTrue(e.getMessage().contains("ESRCH"), e.getMessage());
            ProcessGoneException f = assertThrows(ProcessGoneException.class, view::readHp);
            assertEquals("player@0x" + Long.toHexString(target.address("player")) + ".hp", f.field());
            assertFalse(p.isAlive());
            ProcessGoneException v = assertThrows(ProcessGoneException.class, p::verifyIdentity);
            assertFalse(v.pidReused());
            assertThrows(ProcessGoneException.class, () -> RemoteProcess.attach(target.pid()));
        }
    }
}
