package org.remotestruct.internal;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.RemoteProcess;

/**
 * Makes a write on behalf of a requester (a registry owner, an IPC peer) with that requester's
 * credentials, so that the kernel itself refuses it if the target stopped being the requester's to
 * write after the runtime's checks.
 *
 * <p><b>Why.</b> Before a write the runtime checks the owner rule and the image cookie, but no
 * syscall writes another process conditionally on its image: in the microseconds between that check
 * and {@code process_vm_writev} the target may exec a setuid program (or make itself non-dumpable),
 * and a writer that is root or holds {@code CAP_SYS_PTRACE} would then write into the privileged
 * image. {@code process_vm_writev} does check access at the call, though
 * ({@code PTRACE_MODE_ATTACH_REALCREDS}): the caller's real uid and gid against all of the target's
 * uids and gids, the target's dumpability, {@code CAP_SYS_PTRACE} in the caller's effective set, and
 * the target's permitted capabilities within the caller's. Made with the requester's ids and no
 * capability, that check is the owner rule at the very moment of the write.
 *
 * <p><b>How.</b> The kernel keeps credentials per thread, but glibc's {@code setresuid()} and
 * {@code setresgid()} change every thread of the process, so the raw syscalls are used
 * ({@link LibC}), and only on a fresh platform thread used for nothing else. It sets its real and
 * effective gid to the target's verified gid (one of the requester's groups, by the owner rule) and
 * its real and effective uid to the requester's, makes the process non-dumpable
 * ({@code prctl}, see below), drops every capability ({@code capset}: on such a
 * change the kernel empties the effective set, but the permitted one only when no uid is left 0, and
 * neither for a writer that holds capabilities without being root), makes the write's
 * {@code process_vm_writev} calls and ends. The caller waits for it and gets its result: partial
 * writes are reported exactly as on the caller's own thread. Cost: starting and joining one thread
 * (a fraction of a millisecond; docs/security.md gives a measurement) per write on behalf of someone;
 * {@link RemoteProcess#attach(int)} writes for itself and pays nothing.
 *
 * <p><b>What the requester can do to that thread.</b> Its real uid is the requester's, so:
 * <ul>
 * <li>Saved uid and gid stay 0 (root's, with no capability left: the thread makes no call they
 * would serve). The kernel lets a user {@code ptrace}, {@code process_vm_readv} or {@code prlimit}
 * a thread only if all three of its uids are that user's, so the requester can neither read this
 * process's memory through the thread nor lower its resource limits. The kernel also marks this
 * process non-dumpable when the thread's ids change, as after any setuid, unless
 * {@code fs.suid_dumpable} is 1: then the thread's {@code /proc} files ({@code oom_score_adj}) would
 * be the requester's, so the thread makes the process non-dumpable itself right after the switch;
 * the runtime leaves it so.</li>
 * <li>Signals: the kernel lets a user signal a thread whose real uid is its own, and a fatal signal or
 * {@code SIGSTOP} acts on the whole process. Thread ids come in order and {@code /proc/<pid>/task}
 * is world-readable, so a requester can kill, stop or crash this process reliably while a write for
 * it runs: that denial of service is the price of closing the window (docs/security.md); a
 * long-running writer that cannot afford it sets {@value #PROPERTY} to {@code false}. Blocking
 * signals in the thread would not help ({@code SIGKILL} and {@code SIGSTOP} cannot be blocked) and
 * could harm (the JVM needs the synchronous ones: a blocked fault signal resets the process's
 * handler).</li>
 * <li>glibc makes every thread repeat a {@code setuid}-family call and aborts the process when the
 * results differ, so an application changing its ids through glibc during such a write is
 * aborted; it should turn this off too.</li>
 * </ul>
 *
 * <p><b>Nothing is loaded after the switch.</b> The class path may be unreadable to the requester
 * (a directory only root may enter), so the thread runs only code loaded and initialised before:
 * this class's initialiser makes each of its native calls once, failing harmlessly, so JNA's dispatch
 * and {@link LastErrorException} are ready; {@link Transfer}, {@link ProcessVm} and {@link LibC}
 * were used by the checks before the write.
 *
 * <p><b>When.</b> Only where it helps and works ({@link #forRequester}): a requester other than root
 * (root-owned registries are trusted), x86-64, aarch64 or riscv64 (known syscall numbers),
 * {@value #PROPERTY} not {@code false}, no Yama
 * restriction ({@code kernel.yama.ptrace_scope} 1 or more would refuse the requester's write to any
 * process it did not start, whatever the target did), and a calling thread that may change its ids
 * ({@code CAP_SETUID} and {@code CAP_SETGID} effective: root, or granted). Otherwise the write is
 * made as this process after the same checks, and the window remains.
 *
 * <p>Reads are not made this way: each read carries the image cookie in the same
 * {@code process_vm_readv}, so bytes of any other image are discarded, which no write can undo; and
 * a thread per read would multiply the cost of a read of a microsecond or two.
 */
public final class RequesterThread {

    /** Who a write on behalf of a requester is made as: its uid, and the target's verified gid. */
    public record Identity(int uid, int gid, String requester) {

        /** "registry owner uid 65534", as messages name the requester. */
        @Override
        public String toString() {
            return requester + " uid " + uid;
        }
    }

    private static final int CAP_SETGID = 6;
    private static final int CAP_SETUID = 7;
    /** {@code _LINUX_CAPABILITY_VERSION_3}: capget/capset with two 32-bit words per set. */
    private static final int CAPABILITY_VERSION_3 = 0x20080522;
    /** capget/capset's header (version, pid) and two records (effective, permitted, inheritable). */
    private static final int CAPS_BYTES = 8 + 2 * 12;
    private static final Path YAMA = Path.of("/proc/sys/kernel/yama/ptrace_scope");
    /** Yama is built into the kernel and enabled at boot, or not at all: its setting is read only if so. */
    private static final boolean YAMA_PRESENT = Files.exists(YAMA);
    /** The write thread's saved uid and gid: see the class comment. */
    private static final int ROOT = 0;
    /** The write thread's steps before the write, by {@link Worker#failedStep}. */
    private static final String[] STEPS = {"setresgid", "setresuid", "prctl(PR_SET_DUMPABLE, 0)", "capset"};
    private static final AtomicLong STARTED = new AtomicLong();
    /** The system property that turns writing as the requester off ({@link #enabled()}). */
    public static final String PROPERTY = "remotestruct.writeAsRequester";

    static {
        warmUp();
    }

    private RequesterThread() {
    }

    /**
     * How a write for the requester {@code uid} to a target verified to run with {@code gid} is
     * made: as that user, or {@code null} (as this process) where that does not help or cannot be
     * done here (see the class comment).
     *
     * @param gid the target's gid as verified by the owner rule, or -1 if it was not checked
     */
    public static Identity forRequester(int uid, int gid, String requester) {
        // ids are unsigned: one above 2^31 - 1 is a negative int; -1 is no id at all ((gid_t) -1)
        return uid != 0 && uid != -1 && gid != -1 && whyNotAsRequester(uid) == null
                ? new Identity(uid, gid, requester) : null;
    }

    /**
     * Why a write for the requester {@code uid} (not root) would be made as this process rather than
     * as the requester, in words ("this process lacks CAP_SETUID or CAP_SETGID"), or {@code null} if
     * it would be made as the requester (see the class comment). Checked anew at each write.
     */
    public static String whyNotAsRequester(int uid) {
        if (!enabled()) {
            return "-D" + PROPERTY + "=false";
        }
        if (!LibC.threadCredentialsSupported()) {
            return "the thread credential syscalls are not known on " + System.getProperty("os.arch");
        }
        if (yamaRestricts()) {
            return "Yama's kernel.yama.ptrace_scope is not 0, so the kernel would refuse the requester's write";
        }
        if (!canChangeIds()) {
            return "this process lacks CAP_SETUID or CAP_SETGID";
        }
        return null;
    }

    /**
     * Whether writes for a requester are made as the requester where possible: yes unless
     * {@value #PROPERTY} is {@code false}, which a long-running writer may choose to keep requesters
     * from signalling it (see the class comment), reopening the exec window. Read at each write.
     */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /** Whether the calling thread holds CAP_SETUID and CAP_SETGID, which a new thread copies. */
    private static boolean canChangeIds() {
        NativeBlock caps = new NativeBlock(CAPS_BYTES);
        caps.buffer().putInt(0, CAPABILITY_VERSION_3); // pid 0: the calling thread, whose ids a new thread copies
        if (LibC.capget(caps.address(), caps.address() + 8) != 0) {
            return false;
        }
        int needed = 1 << CAP_SETUID | 1 << CAP_SETGID;
        return (caps.buffer().getInt(8) & needed) == needed;
    }

    /** Whether Yama would refuse the requester's write; read at each write, as root may raise it any time. */
    private static boolean yamaRestricts() {
        if (!YAMA_PRESENT) {
            return false;
        }
        try {
            return !Files.readString(YAMA).trim().equals("0");
        } catch (IOException e) {
            return true; // unknown: switching could make every write fail, so keep this process's ids
        }
    }

    /** Threads started so far to write as a requester (tests prove which path a write took). */
    static long started() {
        return STARTED.get();
    }

    /**
     * Runs {@code transfer}'s calls ({@link Transfer#runCalls()}) on a fresh thread holding
     * {@code who}'s credentials, and waits for it, ignoring interrupts: the write's outcome must be
     * known.
     *
     * @return as {@link Transfer#runCalls()}: the failed call, or -1
     * @throws RemoteAccessException if the thread could not take those credentials; nothing written
     * @throws IllegalStateException if the thread failed unexpectedly (saying whether it had written)
     */
    static int write(Identity who, Transfer transfer, int pid, long address, long length, String field) {
        Worker worker = new Worker(who, transfer);
        Thread thread = new Thread(null, worker, "remotestruct write to pid " + pid + " as uid " + who.uid(), 0);
        thread.setDaemon(true);
        thread.start();
        STARTED.incrementAndGet();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (worker.thrown != null) {
            throw new IllegalStateException("the thread writing to pid " + pid + " as " + who + " failed "
                    + (worker.writing ? "while writing, after " + transfer.transferred() + " of the write's bytes "
                            + "were known written (" + length + " bytes from " + Hex.of(address) + " in all): "
                            + "re-read the target's memory to see what landed"
                            : "before writing: nothing written"), worker.thrown);
        }
        if (worker.failedStep >= 0) {
            String call = STEPS[worker.failedStep];
            throw new RemoteAccessException("nothing written to pid " + pid + " (" + length + " bytes at "
                    + Hex.of(address) + (field == null ? "" : ", field '" + field + "'") + "): the thread making the "
                    + "write could not take the credentials of " + who + " (gid " + who.gid() + "): " + call
                    + " failed with " + Errno.name(worker.errno) + ". A write on behalf of a user is made with that "
                    + "user's credentials, so that the kernel checks the user's right at the moment of the write; "
                    + switchFailure(worker.errno, call) + ", or set -D" + PROPERTY + "=false to write as this "
                    + "process (the exec window between check and write then stays open)", pid, address, length,
                    field, worker.errno);
        }
        return worker.failedCall;
    }

    /** Why the switch's {@code call} failed with {@code errno}, and what to do. */
    private static String switchFailure(int errno, String call) {
        if (errno == Errno.EINVAL) {
            return "EINVAL: that uid or gid has no mapping in this process's user namespace (a reader in a "
                    + "container): run the reader where the requester's ids are mapped";
        }
        return "this process holds CAP_SETUID and CAP_SETGID, so a seccomp filter or a security module refused "
                + call + ": allow it to this process";
    }

    /**
     * The explanation of an EPERM from a write made as {@code who}: the target changed between the
     * check and the write, and how it stands now (checked again, which also renews the process's
     * {@code /proc/<pid>/mem} descriptor, as {@link RemoteProcess#verifyIdentity()} does).
     */
    static String refusal(RemoteProcess process, Identity who) {
        int pid = process.pid();
        String now;
        try {
            process.verifyIdentity();
            now = "It passes the owner rule and runs the same program image again now, so it changed back, or "
                    + "something else refused " + who + ": Yama's ptrace_scope, a security module (SELinux, "
                    + "AppArmor) or a seccomp filter.";
        } catch (RemoteAccessException e) {
            now = "Now: " + e.getMessage();
        } catch (RuntimeException e) { // e.g. /proc unreadable: the refusal itself must still be reported
            now = "It could not be checked again: " + e;
        }
        return "pid " + pid + " no longer lets " + who + " write it (between the check before the write and the "
                + "write it exec'd a setuid or setgid program, made itself non-dumpable, or exited and its pid went "
                + "to another user's process): the kernel refused the process_vm_writev, made with that user's "
                + "credentials, so none of its bytes were written. " + now;
    }

    /**
     * Makes each call the write thread makes once, failing harmlessly, while this thread can still
     * read the class path: JNA's dispatch of each, and its errno path ({@link LastErrorException}).
     */
    private static void warmUp() {
        NativeBlock caps = new NativeBlock(CAPS_BYTES);
        LibC.capget(caps.address(), caps.address() + 8); // version 0: EINVAL
        LibC.prctl(LibC.PR_GET_DUMPABLE, 0); // only reads: prctl's path, without changing anything
        try {
            LibC.process_vm_writev(0, 0, 0, 0, 0, 1); // flags 1: EINVAL before anything else is looked at
        } catch (LastErrorException expected) {
            // loaded and initialised, as intended
        }
    }

    /** The write thread: switches, writes, ends. Touches nothing not loaded before it starts. */
    private static final class Worker implements Runnable {

        private final int uid;
        private final int gid;
        private final Transfer transfer;
        /** capset's header and two zeroed records: no capability at all. */
        private final NativeBlock noCapabilities;
        /** Read by the caller after the join, which orders them after the thread's writes. */
        private int failedStep = -1;
        private int errno;
        private boolean writing;
        private int failedCall = -1;
        private Throwable thrown;

        Worker(Identity who, Transfer transfer) {
            this.uid = who.uid();
            this.gid = who.gid();
            this.transfer = transfer;
            this.noCapabilities = new NativeBlock(CAPS_BYTES);
            noCapabilities.buffer().putInt(0, CAPABILITY_VERSION_3); // pid 0: this thread; every set stays empty
        }

        @Override
        public void run() {
            try {
                long caps = noCapabilities.address();
                // not dumpable right after the switch: with fs.suid_dumpable 1 the kernel leaves this
                // process dumpable, and would give this thread's /proc files (oom_score_adj) to the user
                if (!step(0, LibC.setresgidOfThisThread(gid, gid, ROOT))
                        || !step(1, LibC.setresuidOfThisThread(uid, uid, ROOT))
                        || !step(2, LibC.prctl(LibC.PR_SET_DUMPABLE, 0))
                        || !step(3, LibC.capsetOfThisThread(caps, caps + 8))) {
                    return; // some ids may have changed: this thread ends without writing
                }
                writing = true;
                failedCall = transfer.runCalls();
            } catch (Throwable t) {
                thrown = t;
            }
        }

        /** Records step {@code step} as failed unless its {@code result} is 0 ({@code -errno} otherwise). */
        private boolean step(int step, int result) {
            if (result != 0) {
                this.failedStep = step;
                this.errno = -result;
                return false;
            }
            return true;
        }
    }
}
