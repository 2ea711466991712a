package org.remotestruct.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.remotestruct.PermissionDeniedException;
import org.remotestruct.ProcessGoneException;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.RemoteProcess;

/**
 * The I/O of proving which program image a pid runs: capturing its {@link ImageCookie} at attach,
 * and applying the {@link OwnerRule} for a requester. Also hands the transfer code the cookie of a
 * {@link RemoteProcess} and its identity check before a write, which keeps both out of the public
 * API.
 */
public final class ProcessImages {

    /** Attempts at a consistent capture before giving up (each failure is an exec during the capture). */
    private static final int CAPTURE_ATTEMPTS = 3;

    private static volatile Function<RemoteProcess, ImageCookie> cookies;
    private static volatile WriteGuard writeGuard;

    private ProcessImages() {
    }

    /** A process's identity check right before a write (see {@link #verifyBeforeWrite}). */
    @FunctionalInterface
    public interface WriteGuard {
        /**
         * Throws unless {@code process} is still the one attached to (naming the write); returns who
         * the write is made as: a requester ({@link RequesterThread}), or {@code null} for this process.
         */
        RequesterThread.Identity verify(RemoteProcess process, long address, long length, String field);
    }

    /**
     * Called once by {@link RemoteProcess}'s class initialiser: how to get a process's cookie and
     * how to check its identity before a write.
     */
    public static void register(Function<RemoteProcess, ImageCookie> accessor, WriteGuard guard) {
        if (cookies != null) {
            throw new IllegalStateException("cookie accessor already registered");
        }
        writeGuard = Objects.requireNonNull(guard);
        cookies = Objects.requireNonNull(accessor);
    }

    /**
     * The identity check every write makes right before its syscall: start time, owner rule where
     * it applies, and the image cookie read alone (a write cannot be taken back).
     *
     * @param field the (first) field about to be written, or {@code null}
     * @return who to make the write as: the requester the process was attached for
     *     ({@link RequesterThread#forRequester}), or {@code null} for this process
     * @throws RemoteAccessException naming the write, of which nothing was attempted
     */
    public static RequesterThread.Identity verifyBeforeWrite(RemoteProcess process, long address, long length,
            String field) {
        return writeGuard.verify(process, address, length, field);
    }

    /** The cookie captured when {@code process} was attached. */
    public static ImageCookie cookieOf(RemoteProcess process) {
        // A RemoteProcess instance exists, so its class (which registers the accessor) is initialised.
        return cookies.apply(process);
    }

    /**
     * Captures the cookie of the image {@code pid} runs now: the {@code AT_RANDOM} address from
     * {@code /proc/<pid>/auxv}, the 16 bytes there, and the address once more, so the bytes are
     * known to belong to the image that vector describes (an exec in between changes the address
     * under ASLR; without ASLR the new image's bytes at the same address are its own cookie).
     *
     * @throws ProcessGoneException if the process does not exist (any more)
     * @throws PermissionDeniedException if this process may not inspect it
     * @throws RemoteAccessException if it has no auxiliary vector (a kernel thread) or keeps exec'ing
     */
    public static ImageCookie capture(int pid) {
        for (int attempt = 0; attempt < CAPTURE_ATTEMPTS; attempt++) {
            long address = atRandom(pid);
            long[] words = RawTransfer.readCookieWords(pid, address);
            if (atRandom(pid) == address) {
                requireOnStack(pid, address);
                return new ImageCookie(address, words[0], words[1]);
            }
        }
        throw new RemoteAccessException("pid " + pid + " exec'd a new program during each of " + CAPTURE_ATTEMPTS
                + " attempts to attach to it; attach again once it has settled", pid, 0, 0, null,
                RemoteAccessException.NO_ERRNO);
    }

    /**
     * The kernel puts the AT_RANDOM bytes on the new image's stack, which exec places at a random
     * address (and a setuid, setgid or capability exec always with ASLR). A process may rewrite its own
     * auxiliary vector ({@code prctl(PR_SET_MM_MAP)}, no privilege needed) to point the cookie at bytes
     * that stay the same in a later image — an ELF header at a fixed address, say — so the cookie is
     * accepted only on the {@code [stack]} mapping, where no later image has predictable bytes.
     */
    private static void requireOnStack(int pid, long address) {
        List<MemoryMaps.Mapping> maps;
        try {
            maps = MemoryMaps.read(pid);
        } catch (IOException e) {
            if (exiting(pid) || String.valueOf(e.getMessage()).contains("No such process")) {
                throw gone(pid, "it exited while attaching");
            }
            throw new UncheckedIOException("cannot read /proc/" + pid + "/maps", e);
        }
        for (MemoryMaps.Mapping m : maps) {
            if (m.contains(address)) {
                if (m.path().equals("[stack]") && m.contains(address + ImageCookie.LENGTH - 1)) {
                    return;
                }
                break;
            }
        }
        // An exiting process releases its memory (its maps turn empty) before it shows as a zombie.
        if (maps.isEmpty() || exiting(pid)) {
            throw gone(pid, "it exited while attaching");
        }
        throw new RemoteAccessException("pid " + pid + " cannot be attached to: the AT_RANDOM address of its "
                + "auxiliary vector (" + Hex.of(address) + ") is not on its stack, so the process rewrote the "
                + "vector (prctl PR_SET_MM_MAP) and its program image cannot be told apart from a later one",
                pid, address, ImageCookie.LENGTH, null, RemoteAccessException.NO_ERRNO);
    }

    private static long atRandom(int pid) {
        byte[] auxv;
        try {
            auxv = ProcFiles.auxv(pid);
        } catch (NoSuchFileException e) {
            throw gone(pid, "/proc/" + pid + " does not exist");
        } catch (AccessDeniedException e) {
            String hint = PermissionDiagnosis.diagnose(pid);
            throw new PermissionDeniedException("permission denied attaching to pid " + pid + ": this process may "
                    + "not inspect it (/proc/" + pid + "/auxv needs the same ptrace access as reading its memory). "
                    + hint, pid, 0, 0, null, Errno.EACCES, hint);
        } catch (IOException e) {
            // A process that is exiting has released its memory before it shows as a zombie: reading
            // its vector then fails with ESRCH ("No such process").
            if (exiting(pid) || String.valueOf(e.getMessage()).contains("No such process")) {
                throw gone(pid, "it exited while attaching");
            }
            throw new UncheckedIOException("cannot read /proc/" + pid + "/auxv", e);
        }
        try {
            return Auxv.atRandom(auxv);
        } catch (IllegalArgumentException e) {
            ProcStat stat = ProcFiles.stat(pid);
            if (stat == null || stat.zombie()) { // a zombie's auxv is empty: its memory is gone
                throw gone(pid, "it exited while attaching");
            }
            throw new RemoteAccessException("pid " + pid + " has no user-space program image to read: its "
                    + e.getMessage() + " (a kernel thread?)", pid, 0, 0, null, RemoteAccessException.NO_ERRNO);
        }
    }

    /** Whether {@code pid} is gone or a zombie. */
    private static boolean exiting(int pid) {
        ProcStat stat = ProcFiles.stat(pid);
        return stat == null || stat.zombie();
    }

    private static ProcessGoneException gone(int pid, String why) {
        return new ProcessGoneException("no process with pid " + pid + " (" + why + "): check the pid, or whether "
                + "the process has exited", pid, 0, 0, null, RemoteAccessException.NO_ERRNO, false);
    }

    /**
     * Applies the {@link OwnerRule}: throws unless a requester with uid {@code uid} could access
     * {@code pid} itself.
     *
     * @param groups the gids the requester may act as
     * @param requester who the reader acts for, for the message ("registry owner", "IPC peer")
     * @return the gid the process runs with (all four of its gids, one of {@code groups}), or -1 for
     *     uid 0, which is trusted and not checked
     * @throws PermissionDeniedException naming the reason (no errno: the kernel was not asked)
     * @throws ProcessGoneException if the process exited meanwhile
     */
    public static int requireOwnerRule(int pid, int uid, Set<Integer> groups, String requester) {
        if (uid == 0) {
            return -1;
        }
        ProcStatus status;
        try {
            status = ProcFiles.status(pid);
        } catch (IOException e) {
            throw unreadable(pid, e);
        }
        OwnerRule.Refusal refusal = ownerRuleRefusal(pid, uid, groups, requester, status);
        if (refusal != null) {
            String hint = "remotestruct reads and writes a process for a " + requester + " only if that user could "
                    + "(docs/security.md)";
            throw new PermissionDeniedException("refused to access pid " + pid + " for " + requester + " uid " + uid
                    + ": " + refusal + ". " + hint, pid, 0, 0, null, RemoteAccessException.NO_ERRNO, hint);
        }
        return status.gids().real();
    }

    /**
     * Why a requester with uid {@code uid} may not access {@code pid} ({@link OwnerRule}), read
     * from {@code /proc} and the target's user namespaces now, or {@code null} if it may.
     *
     * @throws ProcessGoneException if the process exited meanwhile
     * @throws PermissionDeniedException if this process may not inspect the target's user namespace
     */
    public static OwnerRule.Refusal ownerRuleRefusal(int pid, int uid, Set<Integer> groups, String requester) {
        return ownerRuleRefusal(pid, uid, groups, requester, null);
    }

    /**
     * As {@link #ownerRuleRefusal(int, int, Set, String)}, with the target's {@code status} already
     * read by the caller (or {@code null} to read it here).
     */
    public static OwnerRule.Refusal ownerRuleRefusal(int pid, int uid, Set<Integer> groups, String requester,
            ProcStatus status) {
        if (uid == 0) {
            return null;
        }
        try {
            return OwnerRule.refusal(uid, groups, requester, pid, status != null ? status : ProcFiles.status(pid),
                    ProcFiles.statOwner(pid), UserNamespaces.of(pid));
        } catch (AccessDeniedException e) {
            if (exiting(pid)) {
                throw gone(pid, "it exited while its owner was checked");
            }
            String hint = PermissionDiagnosis.diagnose(pid);
            throw new PermissionDeniedException("permission denied checking pid " + pid + " for " + requester + " uid "
                    + uid + ": this process may not inspect the target's user namespace (" + e.getReason()
                    + "), so it cannot tell whether the " + requester + " could access it. " + hint, pid, 0, 0, null,
                    Errno.EACCES, hint);
        } catch (IOException e) {
            throw unreadable(pid, e);
        }
    }

    /** Why the credentials of {@code pid} could not be read: it exited, or {@code e}. */
    private static RuntimeException unreadable(int pid, IOException e) {
        if (exiting(pid)) {
            return gone(pid, "it exited while its owner was checked");
        }
        return new UncheckedIOException("cannot check the credentials of pid " + pid, e);
    }
}
