package org.remotestruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.remotestruct.internal.ProcMemChannel;
import org.remotestruct.spi.ViewSupport;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.Player;
import org.remotestruct.testsupport.PlayerType;
import org.remotestruct.testsupport.PlayerView;

/**
 * Single reads through {@code /proc/<pid>/mem} ({@link ReadTransport#PROC_MEM}) against real
 * targets: the same values and the same failures as {@code process_vm_readv}, the descriptor's
 * identity proof after an exec, a pid reuse and an exit, the forced transport, and the descriptor's
 * life cycle.
 */
class ProcMemReadTest {

    private static final List<String> NO_ASLR = ProcessImageTest.NO_ASLR;

    /** Attaches with single reads forced onto process_vm_readv, as the property does for users. */
    static RemoteProcess attachOverProcessVmReadv(int pid) {
        String before = System.setProperty(RemoteProcess.READ_TRANSPORT_PROPERTY, "process_vm_readv");
        try {
            return RemoteProcess.attach(pid);
        } finally {
            if (before == null) {
                System.clearProperty(RemoteProcess.READ_TRANSPORT_PROPERTY);
            } else {
                System.setProperty(RemoteProcess.READ_TRANSPORT_PROPERTY, before);
            }
        }
    }

    /** Runs {@code read} and checks it was one pread of {@code /proc/<pid>/mem} and no process_vm_readv. */
    private static <T> T onePread(Supplier<T> read) {
        return reads(1, 0, read);
    }

    /** Runs {@code read} and checks it was one process_vm_readv and no pread. */
    private static <T> T oneReadv(Supplier<T> read) {
        return reads(0, 1, read);
    }

    private static <T> T reads(int expectedPreads, int expectedReadvs, Supplier<T> read) {
        long preads = SyscallCounts.procMemReads();
        long readvs = SyscallCounts.processVmReads();
        T value = read.get();
        assertEquals(expectedPreads, SyscallCounts.procMemReads() - preads, "preads of /proc/<pid>/mem");
        assertEquals(expectedReadvs, SyscallCounts.processVmReads() - readvs, "process_vm_readv calls");
        return value;
    }

    @Test
    void procMemReadsGiveTheSameValuesAsProcessVmReadv() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess file = RemoteProcess.attach(target.pid());
            RemoteProcess readv = attachOverProcessVmReadv(target.pid());
            assertEquals(ReadTransport.PROC_MEM, file.readTransport());
            assertEquals(ReadTransport.PROCESS_VM_READV, readv.readTransport());
            long player = target.address("player");
            long team = target.address("team");
            PlayerView viaFile = new PlayerView(file, player);
            PlayerView viaReadv = new PlayerView(readv, player);

            Player read = onePread(viaFile::read);
            assertEquals(Player.filled(1), read);
            assertEquals(read, oneReadv(viaReadv::read));
            assertEquals(101, (int) onePread(viaFile::readHp));
            assertEquals("player-1", onePread(viaFile::readName));
            assertEquals("player-1", oneReadv(viaReadv::readName));
            ByteBuffer array = onePread(() -> ViewSupport.readArray(file, PlayerType.LAYOUT, team, 3));
            List<Player> fromFile = List.of(PlayerType.TYPE.decode(array, 0), PlayerType.TYPE.decode(array, 648),
                    PlayerType.TYPE.decode(array, 1296));
            ByteBuffer again = oneReadv(() -> ViewSupport.readArray(readv, PlayerType.LAYOUT, team, 3));
            assertEquals(List.of(Player.filled(20), Player.filled(21), Player.filled(22)), fromFile);
            assertEquals(fromFile.get(2), PlayerType.TYPE.decode(again, 1296));

            viaFile.writeHp(77); // writes stay on process_vm_writev, and both transports see them
            assertTrue(target.command("show player").contains(" hp=77 "));
            assertEquals(77, viaFile.read().hp());
            assertEquals(77, viaReadv.read().hp());
        }
    }

    @Test
    void theFirstSingleReadOfAProcessOpensAndProvesTheDescriptorWithOneMorePread() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess p = RemoteProcess.attach(target.pid());
            PlayerView view = new PlayerView(p, target.address("player"));
            assertFalse(descriptorOpen(target.pid()), "attaching opens nothing");
            assertEquals(Player.filled(1), reads(2, 0, view::read), "the AT_RANDOM proof, then the struct");
            assertTrue(descriptorOpen(target.pid()));
            assertEquals(101, (int) onePread(view::readHp), "later reads are one pread each");
        }
    }

    @Test
    void aReadAfterTheTargetExecdIsProcessChangedNotTheNewProgramsBytes() throws Exception {
        try (CTarget target = CTarget.start(NO_ASLR, CTarget.binary())) {
            long player = target.address("player");
            long team = target.address("team");
            RemoteProcess p = RemoteProcess.attach(target.pid());
            PlayerView view = new PlayerView(p, player);
            view.writeHp(5);
            assertEquals(5, view.read().hp());
            assertEquals(ReadTransport.PROC_MEM, p.readTransport());

            target.execSelf();
            assertEquals(player, target.address("player"), "ASLR is off: the new image has the struct at the same address");

            int pid = target.pid();
            ProcessChangedException e = assertChanged(pid, view::read);
            assertTrue(e.getMessage().contains("/proc/" + pid + "/mem, opened for the program attached to"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("struct player (648 bytes at 0x" + Long.toHexString(player) + ")"),
                    e.getMessage());
            assertChanged(pid, view::readHp);
            assertChanged(pid, () -> ViewSupport.readArray(p, PlayerType.LAYOUT, team, 3));
            assertChanged(pid, view::read);
            assertThrows(ProcessChangedException.class, p::readTransport);
            assertTrue(target.command("show player").contains(" hp=101 "), "the new image runs with its own values");
        }
    }

    @Test
    void aReadOfAReusedPidIsProcessChangedThoughTheNewProcessHasTheSameStructThere() throws Exception {
        CTarget first = CTarget.start(NO_ASLR, CTarget.binary());
        int pid = first.pid();
        long player = first.address("player");
        RemoteProcess p = RemoteProcess.attach(pid);
        PlayerView view = new PlayerView(p, player);
        assertEquals(101, view.readHp());
        first.exitAndWait();
        first.close();

        try (CTarget second = ProcessImageTest.startWithPid(pid)) {
            assertEquals(player, second.address("player"));
            ProcessChangedException e = assertChanged(pid, view::read);
            assertTrue(e.getMessage().contains("the pid now names another process"), e.getMessage());
            assertChanged(pid, view::readHp);
        }
    }

    @Test
    void aReadOfAProcessThatExitedIsProcessGoneNamingTheField() throws Exception {
        CTarget target = CTarget.start();
        RemoteProcess p = RemoteProcess.attach(target.pid());
        long player = target.address("player");
        PlayerView view = new PlayerView(p, player);
        assertEquals(101, view.readHp());
        target.exitAndWait();
        target.close();
        ProcessGoneException e = assertThrows(ProcessGoneException.class, view::readHp);
        assertTrue(e.getMessage().startsWith("process " + target.pid() + " is gone (ESRCH) reading field 'player@0x"
                + Long.toHexString(player) + ".hp'"), e.getMessage());
        assertEquals("player@0x" + Long.toHexString(player) + ".hp", e.field());
        assertFalse(e.pidReused());
        assertThrows(ProcessGoneException.class, view::read);
    }

    @Test
    void shortReadsAndUnmappedFirstBytesFailExactlyAsOverProcessVmReadv() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess file = RemoteProcess.attach(target.pid());
            RemoteProcess readv = attachOverProcessVmReadv(target.pid());
            long edge = CTarget.parseAddress(target.command("edge 20").split(" ")[1]);
            assertSameFailure(PartialTransferException.class, () -> new PlayerView(file, edge).read(),
                    () -> new PlayerView(readv, edge).read());
            PartialTransferException partial = assertThrows(PartialTransferException.class,
                    () -> new PlayerView(file, edge).read());
            assertEquals("player@0x" + Long.toHexString(edge) + ".name", partial.field(), "the field holding byte 20");
            assertEquals(edge + 20, partial.address());
            assertSameFailure(PartialTransferException.class, () -> new PlayerView(file, edge - 8).readName(),
                    () -> new PlayerView(readv, edge - 8).readName());
            assertSameFailure(PartialTransferException.class,
                    () -> ViewSupport.readArray(file, PlayerType.LAYOUT, edge - 648, 2),
                    () -> ViewSupport.readArray(readv, PlayerType.LAYOUT, edge - 648, 2));
            assertSameFailure(BadAddressException.class, () -> new PlayerView(file, edge + 20).read(),
                    () -> new PlayerView(readv, edge + 20).read());
            assertSameFailure(BadAddressException.class, () -> new PlayerView(file, edge + 20).readHp(),
                    () -> new PlayerView(readv, edge + 20).readHp());
            assertSameFailure(BadAddressException.class, () -> new PlayerView(file, -4096L).read(),
                    () -> new PlayerView(readv, -4096L).read());
        }
    }

    /**
     * The kernel reads {@code /proc/<pid>/mem} with FOLL_FORCE (unless booted with
     * proc_mem.force_override=never or ptrace): what it gives is what a single read gives, while
     * process_vm_readv refuses the page. Nothing is granted beyond the ptrace access both need.
     */
    @Test
    void aProtNonePageIsReadAsTheKernelReadsProcPidMemAndRefusedByProcessVmReadv() throws Exception {
        try (CTarget target = CTarget.start()) {
            long guarded = CTarget.parseAddress(target.command("protnone").split(" ")[1]);
            RemoteProcess file = RemoteProcess.attach(target.pid());
            RemoteProcess readv = attachOverProcessVmReadv(target.pid());
            assertThrows(BadAddressException.class, () -> new PlayerView(readv, guarded).read());
            if (kernelForcesProcMemReads(target.pid(), guarded)) {
                assertEquals(Player.filled(9), new PlayerView(file, guarded).read());
                assertEquals(109, new PlayerView(file, guarded).readHp());
            } else {
                assertSameFailure(BadAddressException.class, () -> new PlayerView(file, guarded).read(),
                        () -> new PlayerView(readv, guarded).read());
            }
        }
    }

    /** Whether this kernel's {@code /proc/<pid>/mem} reads the PROT_NONE page at {@code address}: asked directly. */
    private static boolean kernelForcesProcMemReads(int pid, long address) throws IOException {
        try (FileChannel mem = FileChannel.open(Path.of("/proc/" + pid + "/mem"), StandardOpenOption.READ)) {
            return mem.read(ByteBuffer.allocate(8), address) == 8;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theForcingPropertyKeepsSingleReadsOnProcessVmReadvAndATypoIsAnError() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess readv = attachOverProcessVmReadv(target.pid());
            PlayerView view = new PlayerView(readv, target.address("player"));
            assertEquals(Player.filled(1), oneReadv(view::read));
            assertEquals(ReadTransport.PROCESS_VM_READV, readv.readTransport());
            assertFalse(descriptorOpen(target.pid()), "no descriptor is opened");
            System.setProperty(RemoteProcess.READ_TRANSPORT_PROPERTY, "process_vm_read");
            try {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> RemoteProcess.attach(target.pid()));
                assertTrue(e.getMessage().contains(RemoteProcess.READ_TRANSPORT_PROPERTY + " is 'process_vm_read'"),
                        e.getMessage());
            } finally {
                System.clearProperty(RemoteProcess.READ_TRANSPORT_PROPERTY);
            }
        }
    }

    @Test
    void attachWithATransportChoosesSingleReadsInCodeWhateverThePropertySays() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess readv = RemoteProcess.attach(target.pid(), ReadTransport.PROCESS_VM_READV);
            PlayerView view = new PlayerView(readv, target.address("player"));
            assertEquals(Player.filled(1), oneReadv(view::read));
            assertEquals(ReadTransport.PROCESS_VM_READV, readv.readTransport());
            assertFalse(descriptorOpen(target.pid()), "no descriptor is opened");
            System.setProperty(RemoteProcess.READ_TRANSPORT_PROPERTY, "process_vm_readv");
            try {
                RemoteProcess procMem = RemoteProcess.attach(target.pid(), ReadTransport.PROC_MEM);
                assertEquals(Player.filled(1), new PlayerView(procMem, target.address("player")).read());
                assertEquals(ReadTransport.PROC_MEM, procMem.readTransport());
                assertTrue(descriptorOpen(target.pid()), "the descriptor serves the reads");
            } finally {
                System.clearProperty(RemoteProcess.READ_TRANSPORT_PROPERTY);
            }
        }
    }

    @Test
    void closeReleasesTheDescriptorAndALaterReadOpensANewOne() throws Exception {
        try (CTarget target = CTarget.start()) {
            PlayerView view;
            try (RemoteProcess p = RemoteProcess.attach(target.pid())) {
                view = new PlayerView(p, target.address("player"));
                assertEquals(101, view.readHp());
                assertTrue(descriptorOpen(target.pid()));
            }
            assertFalse(descriptorOpen(target.pid()), "closed by close()");
            assertEquals(Player.filled(1), view.read());
            assertTrue(descriptorOpen(target.pid()), "reopened and proven by the next single read");
            view.support().process().close();
        }
    }

    @Test
    void descriptorsOfProcessesNobodyReferencesAreClosed() throws Exception {
        try (CTarget target = CTarget.start()) {
            for (int i = 0; i < 20; i++) {
                assertEquals(101, new PlayerView(RemoteProcess.attach(target.pid()), target.address("player")).readHp());
            }
            assertTrue(descriptors(target.pid()) > 0);
            for (int attempt = 0; attempt < 100 && descriptors(target.pid()) > 0; attempt++) {
                System.gc();
                Thread.sleep(50);
            }
            assertEquals(0, descriptors(target.pid()), "every unreachable process's descriptor was closed");
        }
    }

    @Test
    void viewsOnSeveralThreadsShareOneDescriptorAndAnInterruptedReaderDoesNotCloseIt() throws Exception {
        try (CTarget target = CTarget.start()) {
            RemoteProcess p = RemoteProcess.attach(target.pid());
            long team = target.address("team");
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 4; t++) {
                int index = t % 3;
                boolean interrupted = t == 3;
                threads.add(new Thread(() -> {
                    try {
                        PlayerView view = new PlayerView(p, team + 648L * index);
                        if (interrupted) {
                            Thread.currentThread().interrupt(); // a channel read would close the shared descriptor
                        }
                        for (int i = 0; i < 2000; i++) {
                            assertEquals(Player.filled(20 + index), view.read());
                            assertEquals(120 + index, view.readHp());
                        }
                        assertEquals(interrupted, Thread.currentThread().isInterrupted());
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(), failures);
            assertEquals(1, descriptors(target.pid()), "one descriptor, still open");
            assertEquals(ReadTransport.PROC_MEM, p.readTransport());
        }
    }

    @Test
    void singleReadsUseJavaLangForeignFromJava22AndTheJdksFileChannelBefore() {
        // CI runs this class on JDK 17 and again on a JDK 22+ when one is installed (.ci/run)
        assertEquals(Runtime.version().feature() >= 22, ProcMemChannel.foreignReads(),
                "pread through java.lang.foreign on Java " + Runtime.version());
    }

    @Test
    void closingWhileOtherThreadsReadNeverGivesThemAnotherProcesssBytes() throws Exception {
        // A descriptor closed under a running read could be reused by the next open, another
        // process's /proc/<pid>/mem here (same addresses: no ASLR), and the read would return
        // that process's bytes. The window is nanoseconds wide, so this cannot force it; it proves
        // that reads racing close() and reopening stay correct, and would catch a wide window.
        try (CTarget a = CTarget.start(NO_ASLR, CTarget.binary()); CTarget b = CTarget.start(NO_ASLR, CTarget.binary())) {
            assertEquals(a.address("player"), b.address("player"));
            RemoteProcess other = attachOverProcessVmReadv(b.pid());
            new PlayerView(other, b.address("player")).writeHp(777);
            RemoteProcess p = RemoteProcess.attach(a.pid());
            PlayerView view = new PlayerView(p, a.address("player"));
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                threads.add(new Thread(() -> {
                    try {
                        PlayerView mine = new PlayerView(p, a.address("player"));
                        for (int i = 0; i < 20_000; i++) {
                            assertEquals(101, mine.readHp());
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    } finally {
                        done.set(true);
                    }
                }));
            }
            threads.add(new Thread(() -> { // closes A's descriptor and opens B's, again and again
                try {
                    while (!done.get()) {
                        p.close();
                        try (RemoteProcess fresh = RemoteProcess.attach(b.pid())) {
                            assertEquals(777, new PlayerView(fresh, b.address("player")).readHp());
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(), failures);
            assertEquals(Player.filled(1), view.read());
            p.close();
        }
    }

    private static void assertSameFailure(Class<? extends RemoteAccessException> type, Executable viaFile,
            Executable viaReadv) {
        RemoteAccessException file = assertThrows(type, viaFile);
        RemoteAccessException readv = assertThrows(type, viaReadv);
        assertEquals(readv.getMessage(), file.getMessage());
        assertEquals(readv.field(), file.field());
        assertEquals(readv.address(), file.address());
        assertEquals(readv.length(), file.length());
        assertEquals(readv.errno(), file.errno());
        if (file instanceof PartialTransferException f && readv instanceof PartialTransferException r) {
            assertEquals(r.bytesTransferred(), f.bytesTransferred());
            assertEquals(r.failedFieldBytes(), f.failedFieldBytes());
            assertEquals(r.completeFields(), f.completeFields());
            assertEquals(r.notAttemptedFields(), f.notAttemptedFields());
        }
    }

    private static ProcessChangedException assertChanged(int pid, Executable read) {
        ProcessChangedException e = assertThrows(ProcessChangedException.class, read);
        assertTrue(e.getMessage().startsWith("pid " + pid + " now runs another program (exec) or another process "
                + "(pid reused)"), e.getMessage());
        assertEquals(pid, e.pid());
        return e;
    }

    private static boolean descriptorOpen(int pid) throws IOException {
        return descriptors(pid) > 0;
    }

    /** How many of this JVM's descriptors are open on {@code /proc/<pid>/mem}. */
    private static long descriptors(int pid) throws IOException {
        String mem = "/proc/" + pid + "/mem";
        long n = 0;
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(mem)) {
                        n++;
                    }
                } catch (IOException e) {
                    // the descriptor used for the listing itself, closed meanwhile
                }
            }
        }
        return n;
    }
}
