package org.remotestruct.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.remotestruct.ProcessChangedException;
import org.remotestruct.ProcessGoneException;
import org.remotestruct.ReadTransport;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.RemoteProcess;

/**
 * The {@code /proc/<pid>/mem} descriptor behind one {@link RemoteProcess}'s single reads: opened on
 * the first single read, proven, then shared by every view of the process on every thread
 * (positional reads keep no file position), and closed by {@link #close()} or when the process
 * object becomes unreachable. No JNA call per read: the JDK's own {@code FileChannel} pread, or on
 * JDK 22+ {@code pread} through {@code java.lang.foreign} ({@link MemFile}).
 *
 * <p><b>Why the descriptor carries the identity proof.</b> Opening {@code /proc/<pid>/mem} binds the
 * file to the target's memory image of that moment ({@code proc_mem_open} resolves the task's
 * {@code mm_struct} through {@code mm_access}, with the {@code PTRACE_MODE_ATTACH} check, and keeps a
 * reference to it; fs/proc/base.c); every read then copies from that image only, and once the image
 * is gone ({@code mmget_not_zero} fails in {@code mem_rw}: the process exec'd, exited or its pid was
 * reused; unless a {@code CLONE_VM} child still shares the image, see docs/security.md) the read
 * returns 0 bytes. The file of a process that has already exited opens with no
 * image at all and reads nothing either. So the 16 {@code AT_RANDOM} bytes captured at attach are read
 * once, through the new descriptor, and compared: if they match, the descriptor shows the image
 * attached to, and every later read through it either comes from that image or returns nothing
 * ({@link #identityLost}). A read never yields zero-filled or another image's bytes.
 *
 * <p><b>What it reads that {@code process_vm_readv} does not.</b> The kernel reads
 * {@code /proc/<pid>/mem} with {@code FOLL_FORCE} (unless booted with
 * {@code proc_mem.force_override=never}), so it also reads pages the target mapped without read
 * permission ({@code PROT_NONE}, guard pages), which {@code process_vm_readv} refuses with EFAULT.
 * This grants nothing new: opening the file takes the same ptrace access ({@code PTRACE_MODE_ATTACH})
 * as {@code process_vm_readv}, and whoever has it may open the file themselves. Writes never use this
 * descriptor (the kernel would write through page protections too); they stay on
 * {@code process_vm_writev} and its checks.
 *
 * <p>Thread-safe. Where the descriptor is a {@code FileChannel}, a thread whose interrupt flag is
 * set reads over {@code process_vm_readv} instead, since a channel read on it would close the
 * channel for every thread.
 */
public final class ProcMemChannel {

    /** {@link #read} result: this read goes over {@code process_vm_readv} instead. */
    public static final int USE_READV = -2;

    /**
     * The longest single positional read: the kernel cuts longer ones short
     * ({@code MAX_RW_COUNT}), which must not be mistaken for the end of a mapping.
     */
    public static final long MAX_READ = ProcessVm.MAX_RW_COUNT;

    private static final LongAdder READS = new LongAdder();
    private static volatile Function<RemoteProcess, ProcMemChannel> channels;

    private final int pid;
    private final long startTime;
    private final ImageCookie cookie;
    private final Object openLock = new Object();
    /** The proven descriptor, or {@code null} while none is open. */
    private volatile MemFile channel;
    /** Set for good once this process's single reads use {@code process_vm_readv}. */
    private volatile boolean processVmReadv;

    /**
     * The channel of the process {@code pid} started at {@code startTime} whose image has
     * {@code cookie}; nothing is opened yet.
     *
     * @param forceProcessVmReadv whether single reads must use {@code process_vm_readv} from the start
     */
    public ProcMemChannel(int pid, long startTime, ImageCookie cookie, boolean forceProcessVmReadv) {
        this.pid = pid;
        this.startTime = startTime;
        this.cookie = Objects.requireNonNull(cookie, "cookie");
        this.processVmReadv = forceProcessVmReadv;
    }

    /** Called once by {@link RemoteProcess}'s class initialiser: how to get a process's channel. */
    public static void register(Function<RemoteProcess, ProcMemChannel> accessor) {
        if (channels != null) {
            throw new IllegalStateException("channel accessor already registered");
        }
        channels = Objects.requireNonNull(accessor);
    }

    /** The channel of {@code process}. */
    public static ProcMemChannel of(RemoteProcess process) {
        // A RemoteProcess instance exists, so its class (which registers the accessor) is initialised.
        return channels.apply(process);
    }

    /** Positional reads of {@code /proc/<pid>/mem} this JVM has made, the opening proofs included. */
    public static long readCalls() {
        return READS.sum();
    }

    /**
     * The transport single reads of this process use now, opening and proving the descriptor if
     * that has not been done yet.
     *
     * @throws ProcessChangedException if the process no longer runs the image attached to
     * @throws ProcessGoneException if it has exited
     */
    public ReadTransport transport() {
        if (channel == null && !processVmReadv && open() == Proof.IMAGE_GONE) {
            throw identityLost("nothing else (the proof of /proc/" + pid + "/mem)", List.of(new Segment(
                    new TransferTarget.Raw(cookie.address(), ImageCookie.LENGTH), 0, ImageCookie.LENGTH)));
        }
        return processVmReadv ? ReadTransport.PROCESS_VM_READV : ReadTransport.PROC_MEM;
    }

    /**
     * Reads {@code window.remaining()} bytes at {@code remote} into {@code window} (a direct buffer
     * whose index 0 is at native address {@code windowAddress}) with one positional read, advancing
     * its position by the bytes read.
     *
     * @return the bytes read (fewer than asked: the kernel stopped at a page it could not read);
     *     {@code -1} if the descriptor reads nothing, so the image attached to is gone (throw
     *     {@link #identityLost}); or {@link #USE_READV}: serve this read with {@code process_vm_readv},
     *     which also reports exactly what failed after an I/O error (EIO: the first byte is not mapped)
     */
    public int read(ByteBuffer window, long windowAddress, long remote) {
        MemFile c = channel;
        if (c == null || c.closedByInterrupt() && Thread.currentThread().isInterrupted()) {
            // an interrupted thread cannot open and prove a FileChannel either (the interrupt
            // closes it at once): no open-and-close per read, straight to process_vm_readv
            boolean interrupted = Thread.currentThread().isInterrupted();
            if (processVmReadv || c != null || interrupted && !MemFile.survivesInterrupt()) {
                return USE_READV;
            }
            Proof proof = open();
            c = channel;
            if (proof == Proof.IMAGE_GONE) {
                return -1;
            }
            if (proof != Proof.SHOWS_IMAGE || c == null
                    || c.closedByInterrupt() && Thread.currentThread().isInterrupted()) {
                return USE_READV;
            }
        }
        READS.increment();
        try {
            int n = c.read(window, windowAddress, remote);
            if (n == MemFile.CLOSED) {
                // close(), or another thread's interrupt (which closes a FileChannel): reopen next time
                discard(c);
                return USE_READV;
            }
            return n;
        } catch (IOException e) {
            return USE_READV;
        }
    }

    /**
     * Opens and proves the descriptor unless one is open; sets {@link #processVmReadv} when it
     * cannot be opened or does not show the image attached to.
     */
    private Proof open() {
        synchronized (openLock) {
            if (channel != null) {
                return Proof.SHOWS_IMAGE;
            }
            if (processVmReadv) {
                return Proof.NOT_THE_IMAGE;
            }
            MemFile c;
            try {
                c = MemFile.open(pid);
            } catch (IOException | SecurityException e) {
                // EACCES/EPERM (no ptrace access for this file: an LSM, a reader without
                // CAP_DAC_OVERRIDE), hidepid, or no descriptor left: process_vm_readv still works
                // where the kernel allows it, and reports EPERM with its diagnosis where not.
                processVmReadv = true;
                return Proof.NOT_THE_IMAGE;
            }
            Proof proof;
            try {
                proof = prove(c);
            } catch (RuntimeException | Error e) {
                c.close(); // an unexpected failure must not leave the descriptor open
                throw e;
            }
            if (proof == Proof.SHOWS_IMAGE) {
                channel = c;
                return proof;
            }
            c.close();
            if (proof == Proof.NOT_THE_IMAGE) {
                processVmReadv = true;
            }
            return proof;
        }
    }

    /** What reading the cookie through a new descriptor showed. */
    private enum Proof {
        /** The cookie matches: the descriptor shows the image attached to. */
        SHOWS_IMAGE,
        /** The descriptor reads nothing, or process_vm_readv does not find the cookie either. */
        IMAGE_GONE,
        /** The file is not the image's memory (or cannot be opened): use process_vm_readv for good. */
        NOT_THE_IMAGE,
        /** The proving thread was interrupted, which closed the descriptor: try again next time. */
        NOT_NOW
    }

    private Proof prove(MemFile c) {
        NativeBlock slot = new NativeBlock(ImageCookie.LENGTH);
        int n;
        READS.increment();
        try {
            n = c.read(slot.buffer().duplicate(), slot.address(), cookie.address());
        } catch (IOException e) {
            n = -2;
        }
        if (n == MemFile.CLOSED) {
            return Proof.NOT_NOW;
        }
        if (n == ImageCookie.LENGTH && cookie.matches(slot.buffer(), 0)) {
            return Proof.SHOWS_IMAGE;
        }
        // Nothing (EOF), an error or other bytes: if process_vm_readv still finds the cookie, the
        // file is not the process's memory (a /proc of another pid namespace, a path masked by a
        // bind mount, as container runtimes mask files), so single reads stay on process_vm_readv;
        // if it does not, the image attached to is gone.
        try {
            RawTransfer.verifyCookie(pid, cookie, "nothing else (the proof of /proc/" + pid + "/mem)");
            return Proof.NOT_THE_IMAGE;
        } catch (RemoteAccessException e) {
            return Proof.IMAGE_GONE;
        }
    }

    /**
     * The failure of a read of {@code segments} (what: {@code what}) whose descriptor read nothing:
     * {@link ProcessGoneException} as {@code process_vm_readv} reports it (ESRCH) if the process
     * died, else {@link ProcessChangedException}. Discards the descriptor, which can never read
     * again.
     */
    public RemoteAccessException identityLost(String what, List<Segment> segments) {
        MemFile c = channel;
        if (c != null) {
            discard(c);
        }
        ProcStat stat = ProcFiles.stat(pid);
        if (stat == null || stat.zombie()) {
            return gone(segments);
        }
        if (stat.startTime() != startTime) {
            return changed(what, "the pid now names another process, started at tick " + stat.startTime());
        }
        try {
            // An exiting process drops its memory before it shows as a zombie: process_vm_readv
            // then fails with ESRCH, an exec'd one has other cookie bytes.
            RawTransfer.verifyCookie(pid, cookie, what);
        } catch (ProcessGoneException e) {
            return gone(segments);
        } catch (RemoteAccessException e) {
            // changed, as below; the descriptor's silence is the first-hand evidence
        }
        return changed(what, "the program's memory is gone (it exec'd another program)");
    }

    private RemoteAccessException gone(List<Segment> segments) {
        return TransferFailures.of(TransferFailures.Direction.READ, pid, segments, 0, -Errno.ESRCH);
    }

    private ProcessChangedException changed(String what, String why) {
        return new ProcessChangedException("pid " + pid + " now runs another program (exec) or another process "
                + "(pid reused): /proc/" + pid + "/mem, opened for the program attached to (proven by its "
                + "AT_RANDOM bytes at " + Hex.of(cookie.address()) + "), read nothing when reading " + what + ": "
                + why + ". Nothing was read. Attach again (re-resolve the registry) if the new program should be "
                + "read at all.", pid, cookie.address(), ImageCookie.LENGTH, null, RemoteAccessException.NO_ERRNO);
    }

    /**
     * The failure of a positional read of {@code segments} starting at {@code remote} that returned
     * {@code n} bytes, fewer than asked: a {@link org.remotestruct.PartialTransferException} naming
     * where the kernel stopped, exactly as {@code process_vm_readv}'s short read. Bytes between
     * segments (a struct's gaps, read along) do not count.
     */
    public RemoteAccessException shortRead(List<Segment> segments, long remote, long n) {
        long stream = 0;
        long stop = remote + n;
        for (Segment s : segments) {
            long start = s.remoteAddress();
            stream += Math.max(0, Math.min(s.length(), stop - start));
        }
        return TransferFailures.of(TransferFailures.Direction.READ, pid, segments, 0, stream);
    }

    /** Closes the descriptor if one is open; the next single read opens and proves a new one. */
    public void close() {
        synchronized (openLock) {
            MemFile c = channel;
            channel = null;
            if (c != null) {
                c.close();
            }
        }
    }

    /**
     * Whether single reads of this process use {@code process_vm_readv} for good (forced, or the
     * descriptor could not be opened or proven); until the first single read this says only whether
     * it was forced.
     */
    public boolean processVmReadvOnly() {
        return processVmReadv;
    }

    /** Whether a proven descriptor is open now. */
    public boolean isOpen() {
        return channel != null;
    }

    private void discard(MemFile c) {
        synchronized (openLock) {
            if (channel == c) {
                channel = null;
            }
        }
        c.close();
    }

    /** Whether the open descriptor, if any, is read through {@code java.lang.foreign} (JDK 22+). */
    public static boolean foreignReads() {
        return LibC.Foreign.available();
    }
}
