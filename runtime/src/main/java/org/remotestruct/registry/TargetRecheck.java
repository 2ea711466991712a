package org.remotestruct.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The state behind {@link AddressRegistry#recheck()}: the verified target's {@code /proc/<pid>}
 * directory held open ({@link ProcDirectory}), what one {@code stat} through it must show, when a
 * check last passed, and the verdict once the registry is stale for good. Whenever the {@code stat}
 * disagrees it runs the registry's full verification, so a refusal names its reason.
 */
final class TargetRecheck {

    /** The registry's full verification ({@link AddressRegistry#verify()}), which reports here. */
    interface Verification {
        TargetPid verify();
    }

    private final Path path;
    private final RegistryFile content;
    private final int ownerUid;
    private final Verification full;
    /** The target as last verified, and its effective gid then. */
    private volatile TargetPid target;
    private volatile int targetGid;
    /** Why the registry no longer describes its target, once a check found that for good; else null. */
    private volatile StaleRegistryException refuted;
    /** {@link System#nanoTime()} when a check last passed; 0: never, or refused since. */
    private volatile long checkedAt;
    /** Held from the first {@link #run()} on; null before and after {@link #release()}. */
    private ProcDirectory procDir;

    TargetRecheck(Path path, RegistryFile content, int ownerUid, Verification full) {
        this.path = path;
        this.content = content;
        this.ownerUid = ownerUid;
        this.full = full;
    }

    /** A full verification passed: {@code target} runs with effective gid {@code gid}. */
    void passed(TargetPid target, int gid) {
        this.target = target;
        this.targetGid = gid;
        checkedAt = System.nanoTime();
    }

    /**
     * A check refused the registry with {@code e}: nothing that passed before counts any more, and a
     * stale verdict is kept for good (gone, restarted, exec'd, rebooted: nothing brings that process
     * back), except a namespace mismatch, which may be a pid taken during the check.
     */
    void failed(RuntimeException e) {
        checkedAt = 0;
        if (e instanceof StaleRegistryException s && s.check() != StaleRegistryException.Check.PID_NAMESPACE) {
            refuted = s;
        }
    }

    /** See {@link AddressRegistry#recheck()}. */
    void run() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    private void runOnce() {
        StaleRegistryException stale = refuted;
        if (stale != null) {
            throw stale;
        }
        ProcDirectory.StatOwner now;
        try {
            // under the lock release() takes: the held descriptor's number must not be closed and
            // reused by another open (another target's /proc directory) between held() and the stat
            synchronized (this) {
                now = held().statOwner();
            }
        } catch (IOException e) {
            full.verify(); // says why, if the process is gone or out of reach
            return;
        }
        TargetPid t = target;
        if (now == null) {
            release();
            throw new StaleRegistryException(path, StaleRegistryException.Check.PROCESS_GONE, t.describe(content)
                    + " has exited (its /proc directory, held open since it was verified, is empty)");
        }
        if (ownerUid == 0 || (now.uid() == ownerUid && now.gid() == targetGid)) {
            checkedAt = System.nanoTime();
            return;
        }
        full.verify(); // the precise reason: not dumpable, a zombie, ...
        // Within reach again by now, but it was not after the caller's last read: refuse that read.
        throw new UnsafeRegistryFileException(path, UnsafeRegistryFileException.Rule.OWNER_MAY_NOT_ACCESS,
                "owned by uid " + ownerUid + ", but " + t.describe(content) + " was out of its owner's reach a moment"
                        + " ago (/proc/" + t.here() + "/stat owned by uid " + now.uid() + ", gid " + now.gid()
                        + ": not dumpable, or other effective ids); the next check decides again");
    }

    /**
     * The target's /proc directory, opened at the first call: after a verification (which resolves
     * the pid here) and before another, so the directory held is known to be the verified process's.
     */
    private synchronized ProcDirectory held() {
        if (procDir != null) {
            return procDir;
        }
        TargetPid t = target != null ? target : full.verify();
        ProcDirectory d;
        try {
            d = ProcDirectory.open(t.here());
        } catch (NoSuchFileException e) {
            full.verify(); // reports the process gone
            throw new StaleRegistryException(path, StaleRegistryException.Check.PROCESS_GONE, t.describe(content)
                    + " exited while it was checked");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open /proc/" + t.here(), e);
        }
        try {
            full.verify();
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        procDir = d;
        return d;
    }

    /**
     * Whether a check passed at or after {@code nanos} (a {@link System#nanoTime()} value) and none
     * has refused the registry since.
     */
    boolean checkedSince(long nanos) {
        long at = checkedAt;
        return refuted == null && at != 0 && at - nanos >= 0;
    }

    /** Closes the held /proc directory, if any; a later {@link #run()} opens it again. */
    synchronized void release() {
        if (procDir != null) {
            procDir.close();
            procDir = null;
        }
    }
}
