package org.remotestruct;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Set;
import java.util.Objects;
import org.remotestruct.internal.Accounts;
import org.remotestruct.internal.BufferAddresses;
import org.remotestruct.internal.ImageCookie;
import org.remotestruct.internal.LibC;
import org.remotestruct.internal.ProcFiles;
import org.remotestruct.internal.ProcMemChannel;
import org.remotestruct.internal.ProcStat;
import org.remotestruct.internal.ProcessImages;
import org.remotestruct.internal.RawTransfer;
import org.remotestruct.internal.RequesterThread;
import org.remotestruct.internal.SafeText;

/**
 * A live process whose memory this one reads and writes with {@code process_vm_readv} /
 * {@code process_vm_writev}, identified by pid, start time and the program image it runs.
 *
 * <p><b>Every read proves where its bytes came from.</b> At attach the runtime captures the 16
 * random bytes the kernel gave the process's current program image ({@code AT_RANDOM} in its
 * auxiliary vector; new ones at every {@code execve}). Every read puts those 16 bytes first in the
 * same {@code process_vm_readv}, which resolves the pid to one process and one memory image for
 * the whole call: if they match, all the bytes came from the image attached to. If the process
 * exec'd another program, or exited and its pid was reused, the read throws
 * {@link ProcessChangedException} and its bytes are discarded. The cost is one 16-byte iovec per
 * call, no extra syscall (see docs/benchmarks.md).
 *
 * <p><b>Acting for someone else.</b> A privileged reader (a root probe, an IPC receiver) that acts
 * for a registry file's owner or a connected peer attaches with {@link #attachOnBehalfOf}: it then
 * touches only a process that user could read under the kernel's ptrace rules (all four uids equal,
 * no setgid, dumpable, no capabilities in this process's user namespace, or else in a user namespace
 * that user created), checked at attach, by {@link #verifyIdentity()} and before every write. See
 * docs/security.md.
 *
 * <p><b>Single reads</b> (a view's {@code read()} and {@code readX()}, array reads) are positional
 * reads of {@code /proc/<pid>/mem} where this process may open it: one descriptor per instance,
 * opened on the first single read and proven then by reading the same 16 bytes through it. The
 * kernel binds that descriptor to the memory image it was opened for, so after an exec or a pid
 * reuse it reads nothing, which is reported as {@link ProcessChangedException}. The kernel reads
 * that file with {@code FOLL_FORCE}: it also reads pages the target mapped {@code PROT_NONE}, which
 * {@code process_vm_readv} refuses (see docs/security.md). Where the file cannot be opened, single
 * reads use {@code process_vm_readv} with the cookie as above; {@link #readTransport()} says which,
 * and the system property {@value #READ_TRANSPORT_PROPERTY} forces {@code process_vm_readv}. Batches,
 * raw reads ({@link #read}, {@link #readBytes}), IPC pulls and all writes always use
 * {@code process_vm_readv}/{@code process_vm_writev}.
 *
 * <p>Writes check first, since a write cannot be taken back: the start time, the rule above where
 * it applies, and the cookie, read alone right before the write. No syscall writes on condition of
 * the image, so a target could still exec a setuid program (or make itself non-dumpable) in the
 * microseconds between that check and the write. A write on behalf of a user other than root is
 * therefore made with that user's credentials, on a fresh thread of its own: the kernel then checks
 * the user's right at the very moment of {@code process_vm_writev} and refuses such a target
 * ({@link PermissionDeniedException}, nothing written). That needs a process that may change its ids
 * (root, or {@code CAP_SETUID} and {@code CAP_SETGID}) on x86-64, aarch64 or riscv64, without a Yama
 * {@code ptrace_scope}, and {@code remotestruct.writeAsRequester} not set to {@code false};
 * elsewhere writes are made as this process and the window remains, which
 * {@link #execWindowBeforeWrites()} reports. The user a write is made for can signal that thread,
 * and so kill or stop this process while the write runs (docs/security.md). Each such
 * write costs a thread start and join, a fraction of a millisecond; writes of a process attached with
 * {@link #attach(int)}, which acts for itself, are made directly and cost nothing more. See
 * docs/security.md.
 *
 * <p>Thread-safe: its identity never changes, raw reads and writes use per-thread scratch iovecs, and
 * the {@code /proc/<pid>/mem} descriptor is shared by every view on every thread. {@link #close()}
 * releases that descriptor early; otherwise it is released when the instance becomes unreachable.
 */
public final class RemoteProcess implements AutoCloseable {

    /**
     * The system property that chooses the transport of single reads ({@link ReadTransport}):
     * {@code process_vm_readv} forces {@code process_vm_readv} for every process attached while it
     * is set (to compare both side by side, or to keep {@code PROT_NONE} pages unreadable);
     * {@code proc_mem} or unset: {@code /proc/<pid>/mem} where it can be opened.
     */
    public static final String READ_TRANSPORT_PROPERTY = "remotestruct.readTransport";

    /** {@link #requesterUid} of a process attached for this process's own user. */
    private static final int SELF = -1;

    /** Closes the {@code /proc/<pid>/mem} descriptors of instances nobody references any more. */
    private static final Cleaner DESCRIPTORS = Cleaner.create();

    static {
        ProcessImages.register(p -> p.cookie, RemoteProcess::verifyIdentityBeforeWrite);
        ProcMemChannel.register(p -> p.memory);
    }

    private final int pid;
    private final long startTime;
    private final ImageCookie cookie;
    private final int requesterUid;
    private final Set<Integer> requesterGroups;
    private final String requester;
    /** The single reads' {@code /proc/<pid>/mem} descriptor, opened on the first one. */
    private final ProcMemChannel memory;

    private RemoteProcess(int pid, long startTime, ImageCookie cookie, int requesterUid, Set<Integer> requesterGroups,
            String requester, boolean forceProcessVmReadv) {
        this.pid = pid;
        this.startTime = startTime;
        this.cookie = cookie;
        this.requesterUid = requesterUid;
        this.requesterGroups = requesterGroups;
        this.requester = requester;
        this.memory = new ProcMemChannel(pid, startTime, cookie, forceProcessVmReadv);
        ProcMemChannel channel = memory; // the action must not hold this instance, or it is never unreachable
        DESCRIPTORS.register(this, channel::close);
    }

    /**
     * Attaches to {@code pid}: checks it exists, records its start time ({@code /proc/<pid>/stat}
     * field 22) and captures its program image's cookie. Nothing is done inside the target.
     *
     * @throws ProcessGoneException if there is no such process, or it has exited (zombie)
     * @throws PermissionDeniedException if this process may not inspect it (with the likely cause)
     * @throws IllegalArgumentException if {@code pid} is not positive
     */
    public static RemoteProcess attach(int pid) {
        return attach(pid, SELF, Set.of(), null, forcedProcessVmReadv());
    }

    /**
     * As {@link #attach(int)}, choosing the transport of single reads in code rather than with
     * {@value #READ_TRANSPORT_PROPERTY}: {@link ReadTransport#PROCESS_VM_READV} keeps them on
     * {@code process_vm_readv}; {@link ReadTransport#PROC_MEM} is the default ({@code /proc/<pid>/mem}
     * where it can be opened and proven, else {@code process_vm_readv}), whatever the property says.
     *
     * @throws ProcessGoneException if there is no such process, or it has exited (zombie)
     * @throws PermissionDeniedException if this process may not inspect it (with the likely cause)
     * @throws IllegalArgumentException if {@code pid} is not positive
     */
    public static RemoteProcess attach(int pid, ReadTransport singleReads) {
        return attach(pid, SELF, Set.of(), null,
                Objects.requireNonNull(singleReads, "singleReads") == ReadTransport.PROCESS_VM_READV);
    }

    /**
     * Attaches to {@code pid} on behalf of the user {@code uid} (the owner of a registry file, a
     * connected IPC peer): as {@link #attach(int)}, and only if that user could read the process
     * under the kernel's ptrace rules; uid 0 is trusted. The groups the user may act as come from the
     * system's user database (primary and supplementary groups); for a uid it does not know (a uid
     * used only in a container) name them with {@link #attachOnBehalfOf(int, int, Set, String)}.
     * The rule is checked again by {@link #verifyIdentity()} and before every write, and writes are
     * made with the user's credentials where this process can take them (see above).
     *
     * @param requester who {@code uid} is, for messages ("registry owner", "IPC peer")
     * @throws PermissionDeniedException naming the reason the user could not access the process
     * @throws ProcessGoneException if there is no such process, or it has exited
     * @throws IllegalArgumentException if {@code pid} is not positive or {@code uid} negative
     */
    public static RemoteProcess attachOnBehalfOf(int pid, int uid, String requester) {
        return attachOnBehalfOf(pid, uid, Accounts.groupsOf(uid).orElse(Set.of()), requester);
    }

    /**
     * As {@link #attachOnBehalfOf(int, int, String)}, the user acting as one of {@code groups}: the
     * target's gids must all be one of them (an IPC peer: its {@code SO_PEERCRED} gid).
     *
     * @throws IllegalArgumentException if {@code pid} is not positive or {@code uid} negative
     */
    public static RemoteProcess attachOnBehalfOf(int pid, int uid, Set<Integer> groups, String requester) {
        if (uid < 0) {
            throw new IllegalArgumentException("uid must be >= 0, was " + uid);
        }
        return attach(pid, uid, Set.copyOf(groups), Objects.requireNonNull(requester, "requester"),
                forcedProcessVmReadv());
    }

    private static RemoteProcess attach(int pid, int requesterUid, Set<Integer> requesterGroups, String requester,
            boolean forceProcessVmReadv) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, was " + pid);
        }
        ProcStat stat = ProcFiles.stat(pid);
        if (stat == null) {
            throw new ProcessGoneException("no process with pid " + pid + " (/proc/" + pid + " does not exist): "
                    + "check the pid, or whether the process has exited", pid, 0, 0, null,
                    RemoteAccessException.NO_ERRNO, false);
        }
        if (stat.zombie()) {
            throw zombie(pid, stat);
        }
        // Cookie first, then every check, then the cookie again: the checks are then known to have
        // looked at the image the cookie names, whatever the process exec'd meanwhile.
        RemoteProcess p = new RemoteProcess(pid, stat.startTime(), ProcessImages.capture(pid), requesterUid,
                requesterGroups, requester, forceProcessVmReadv);
        p.checkIdentity();
        return p;
    }

    /** Whether {@link #READ_TRANSPORT_PROPERTY} forces {@code process_vm_readv}; a typo is an error, not ignored. */
    private static boolean forcedProcessVmReadv() {
        String value = System.getProperty(READ_TRANSPORT_PROPERTY);
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("proc_mem")) {
            return false;
        }
        if (value.equalsIgnoreCase("process_vm_readv")) {
            return true;
        }
        throw new IllegalArgumentException("system property " + READ_TRANSPORT_PROPERTY + " is "
                + SafeText.quote(value) + ": use process_vm_readv (force it for single reads) or proc_mem (the "
                + "default: /proc/<pid>/mem where it can be opened)");
    }

    /** This JVM's own process (useful for tests and for publishing). */
    public static RemoteProcess self() {
        return Self.INSTANCE;
    }

    private static final class Self {
        static final RemoteProcess INSTANCE = attach((int) ProcessHandle.current().pid());
    }

    /** The pid. */
    public int pid() {
        return pid;
    }

    /** Start time in clock ticks since boot ({@code /proc/<pid>/stat} field 22). */
    public long startTime() {
        return startTime;
    }

    /** Whether the process still runs: the pid exists, is not a zombie, and has the same start time. */
    public boolean isAlive() {
        ProcStat stat = ProcFiles.stat(pid);
        return stat != null && !stat.zombie() && stat.startTime() == startTime;
    }

    /**
     * Throws unless this is still the process and program image attached to, and (when attached on
     * behalf of a user) that user could still access it: re-reads the start time, applies the
     * owner rule, and reads the image cookie (one syscall). It also closes the {@code /proc/<pid>/mem}
     * descriptor of single reads, if open: the kernel checks access to that file when it is opened,
     * not at each read, so the next single read reopens it under the kernel's rules of that moment
     * (a target that made itself non-dumpable meanwhile is then refused to a reader without
     * {@code CAP_SYS_PTRACE}, as {@code process_vm_readv} refuses it at once).
     *
     * @throws ProcessGoneException if the process has exited ({@link ProcessGoneException#pidReused()}
     *     false) or its pid now names another process (true); the message says which
     * @throws ProcessChangedException if the process now runs another program (exec)
     * @throws PermissionDeniedException if the requester may no longer access it (it became
     *     non-dumpable, say)
     */
    public void verifyIdentity() {
        memory.close();
        checkIdentity();
    }

    /**
     * {@link #verifyIdentity()} without renewing the descriptor: what attach and writes check.
     * Returns the gid the target was verified to run with for the requester, or -1 (attached for
     * this process's own user, or for root).
     */
    private int checkIdentity() {
        ProcStat stat = ProcFiles.stat(pid);
        if (stat == null) {
            throw new ProcessGoneException("process " + pid + " (started at tick " + startTime + ") has exited: /proc/"
                    + pid + " no longer exists. Attach to its new instance.", pid, 0, 0, null,
                    RemoteAccessException.NO_ERRNO, false);
        }
        if (stat.startTime() != startTime) {
            throw new ProcessGoneException("pid " + pid + " now belongs to a different process ("
                    + SafeText.quote(stat.comm()) + ", started at tick " + stat.startTime() + ", not " + startTime
                    + "): the process attached to has exited and its pid was reused. Attach again (re-resolve the "
                    + "registry).", pid, 0, 0, null, RemoteAccessException.NO_ERRNO, true);
        }
        if (stat.zombie()) {
            throw zombie(pid, stat);
        }
        int gid = requesterUid == SELF ? -1
                : ProcessImages.requireOwnerRule(pid, requesterUid, requesterGroups, requester);
        RawTransfer.verifyCookie(pid, cookie, "nothing else (an identity check)");
        return gid;
    }

    /**
     * {@link #verifyIdentity()} before a write of {@code length} bytes at {@code address}: a write
     * cannot be taken back, so unlike reads every write pays this check (a {@code /proc} read and a
     * 16-byte read). That leaves the microseconds between check and syscall, in which the target may
     * exec a setuid program; so a write on behalf of a requester other than root is made with that
     * requester's credentials where this process can take them, and the kernel's own check at the
     * write refuses such a target (see {@link RequesterThread}).
     *
     * @param field the (first) field about to be written, or {@code null}
     * @return who the write is made as: the requester, or {@code null} for this process
     * @throws RemoteAccessException naming the write, of which nothing was attempted
     */
    private RequesterThread.Identity verifyIdentityBeforeWrite(long address, long length, String field) {
        int gid;
        try {
            gid = checkIdentity();
        } catch (ProcessGoneException e) {
            throw new ProcessGoneException(nothingWritten(address, length, field) + e.getMessage(), pid, address,
                    length, field, e.errno(), e.pidReused());
        } catch (ProcessChangedException e) {
            throw new ProcessChangedException(nothingWritten(address, length, field) + e.getMessage(), pid, address,
                    length, field, e.errno());
        } catch (PermissionDeniedException e) {
            throw new PermissionDeniedException(nothingWritten(address, length, field) + e.getMessage(), pid, address,
                    length, field, e.errno(), e.hint());
        }
        return requesterUid == SELF ? null : RequesterThread.forRequester(requesterUid, gid, requester);
    }

    /**
     * Why an {@code execve} of the target between the check before a write and the write would go
     * unnoticed, in words ("this process lacks CAP_SETUID or CAP_SETGID"), or {@code null} where
     * that window is closed or cannot matter. It is closed where writes on behalf of a requester
     * (not root) are made with the requester's credentials, so that the kernel checks the
     * requester's right at the moment of each write; it cannot matter for a process attached for
     * itself ({@link #attach(int)}) or for root. Checked anew at each write, so the answer is for
     * now; a tool that writes for others can tell its user (docs/security.md).
     */
    public String execWindowBeforeWrites() {
        if (requesterUid == SELF || requesterUid == 0) {
            return null;
        }
        String why = RequesterThread.whyNotAsRequester(requesterUid);
        return why == null ? null : "writes for " + requester + " uid " + Integer.toUnsignedString(requesterUid)
                + " are made as this process, not as that user (" + why + "): an exec of the target between the "
                + "check before a write and the write would not be noticed";
    }

    private String nothingWritten(long address, long length, String field) {
        return "nothing written to pid " + pid + " (" + length + " bytes at 0x" + Long.toHexString(address)
                + (field == null ? "" : ", field '" + field + "'") + "): ";
    }

    private static ProcessGoneException zombie(int pid, ProcStat stat) {
        return new ProcessGoneException("process " + pid + " (" + SafeText.quote(stat.comm()) + ") has exited: it "
                + "is a zombie whose parent has not reaped it yet, and its memory is gone", pid, 0, 0, null,
                RemoteAccessException.NO_ERRNO, false);
    }

    /**
     * The transport this process's single reads use ({@link ReadTransport}): {@code PROC_MEM} once a
     * {@code /proc/<pid>/mem} descriptor is open and proven (this opens and proves it if no single
     * read has yet, one positional read), {@code PROCESS_VM_READV} where that file cannot be opened or
     * does not show the image attached to, or when {@value #READ_TRANSPORT_PROPERTY} forced it at attach.
     *
     * @throws ProcessChangedException if the process no longer runs the image attached to
     * @throws ProcessGoneException if it has exited
     */
    public ReadTransport readTransport() {
        return memory.transport();
    }

    /**
     * Closes this process's {@code /proc/<pid>/mem} descriptor, if one is open. Not final: the process
     * stays usable, and a later single read opens and proves a new descriptor. Optional (an instance
     * that becomes unreachable has its descriptor closed), but prompt: a program that attaches many
     * times and reads each only briefly should close each. Reads in progress on other threads finish
     * over {@code process_vm_readv}.
     */
    @Override
    public void close() {
        memory.close();
    }

    /** A new, empty batch that reads many views and arrays of this process in one syscall. */
    public ReadBatch newReadBatch() {
        return new ReadBatch(this);
    }

    /**
     * A new, empty batch that writes fields of several structs of this process in one
     * {@code process_vm_writev}.
     */
    public WriteBatch newWriteBatch() {
        return new WriteBatch(this);
    }

    /**
     * Reads {@code length} bytes at {@code address} into a new array with one syscall. Allocates a
     * temporary direct buffer; in a loop prefer {@link #read(long, ByteBuffer)}.
     *
     * @throws RemoteAccessException on failure or a short transfer
     */
    public byte[] readBytes(long address, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
        byte[] out = new byte[length];
        if (length > 0) {
            ByteBuffer tmp = ByteBuffer.allocateDirect(length);
            RawTransfer.read(pid, cookie, address, LibC.addressOf(tmp), length, null, 0);
            tmp.get(out);
        }
        return out;
    }

    /**
     * Reads exactly {@code dst.remaining()} bytes at {@code address} into {@code dst} from its
     * position with one syscall, and advances the position to the limit. Allocates nothing.
     *
     * @throws IllegalArgumentException if {@code dst} is not a direct buffer
     * @throws ReadOnlyBufferException if {@code dst} is read-only (the kernel would write it anyway)
     * @throws RemoteAccessException on failure or a short transfer; {@code dst}'s position is unchanged
     */
    public void read(long address, ByteBuffer dst) {
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int length = dst.remaining();
        if (length > 0) {
            RawTransfer.read(pid, cookie, address, BufferAddresses.of(dst) + dst.position(), length, null, 0);
            dst.position(dst.limit());
        }
    }

    /**
     * Writes {@code length} bytes of {@code src} from {@code offset} to {@code address} with one
     * syscall, after checking that the range lies in private writable memory of the target and the
     * target's identity, right before the write.
     *
     * @throws UnwritableMemoryException if the range lies in a shared, read-only or unmapped
     *     mapping; nothing is written
     *
     * @throws RemoteAccessException on failure or a short transfer (saying how many bytes landed)
     */
    public void writeBytes(long address, byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        if (length > 0) {
            ByteBuffer tmp = ByteBuffer.allocateDirect(length);
            tmp.put(src, offset, length);
            RawTransfer.write(this, address, LibC.addressOf(tmp), length);
        }
    }

    /**
     * Equal when both name the same process and program image, attached for the same requester.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteProcess p && p.pid == pid && p.startTime == startTime && p.cookie.equals(cookie)
                && p.requesterUid == requesterUid;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(pid) * 31 + Long.hashCode(startTime);
    }

    @Override
    public String toString() {
        return "pid " + pid + " (started at tick " + startTime + ")"
                + (requesterUid == SELF ? "" : " for " + requester + " uid " + requesterUid);
    }
}
