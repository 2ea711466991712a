package org.remotestruct.internal;

import java.util.List;
import java.util.function.IntFunction;
import org.remotestruct.BadAddressException;
import org.remotestruct.PartialTransferException;
import org.remotestruct.PartialWriteException;
import org.remotestruct.PermissionDeniedException;
import org.remotestruct.ProcessGoneException;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.UnsupportedSyscallException;

/**
 * Turns a failed or short {@code process_vm_readv}/{@code writev} into the typed exception the
 * user sees, with pid, address, length, field and what to do. Only runs on the failure path.
 */
public final class TransferFailures {

    /** Which way the bytes were going. */
    public enum Direction {
        /** process_vm_readv. */
        READ("process_vm_readv", "reading", "read", "readable"),
        /** process_vm_writev. */
        WRITE("process_vm_writev", "writing", "written", "writable (read-only data or code?)");

        final String syscall;
        final String gerund;
        final String participle;
        final String accessible;

        Direction(String syscall, String gerund, String participle, String accessible) {
            this.syscall = syscall;
            this.gerund = gerund;
            this.participle = participle;
            this.accessible = accessible;
        }
    }

    private TransferFailures() {
    }

    /**
     * The exception for a transfer of {@code segments} whose syscall returned {@code result}
     * ({@code -errno}, or a byte count short of what it asked for) after {@code before} bytes
     * were already transferred by earlier calls of the same transfer.
     */
    public static RemoteAccessException of(Direction d, int pid, List<Segment> segments, long before, long result) {
        return of(d, pid, segments, before, result, PermissionDiagnosis::diagnose);
    }

    /** As {@link #of(Direction, int, List, long, long)}, with the EPERM diagnosis supplied. */
    static RemoteAccessException of(Direction d, int pid, List<Segment> segments, long before, long result,
            IntFunction<String> permissionHint) {
        if (result >= 0) {
            return partial(d, pid, ShortTransfer.analyse(segments, before + result));
        }
        int errno = (int) -result;
        if (errno == Errno.EFAULT && before > 0) {
            // Earlier calls of this transfer succeeded, so it is a short transfer, not a bad address.
            return partial(d, pid, ShortTransfer.analyse(segments, before));
        }
        long requested = segments.stream().mapToLong(Segment::length).sum();
        Segment at = segmentAt(segments, before);
        long intoAt = before - startOf(segments, at);
        long address = at.remoteAddress() + intoAt;
        // EFAULT happens at a byte, so the field holding that byte is the culprit. The other errnos
        // concern the whole call: naming its first field would point the user at the wrong place.
        String field = errno == Errno.EFAULT ? at.target().fieldAt(at.targetOffset() + intoAt) : onlyField(segments);
        Failure f = new Failure(pid, address, requested, field, errno, what(d, pid, segments, field, at, requested));
        return forErrno(d, f, segments.size(), permissionHint);
    }

    /** What every exception for one failed call carries; {@code what} says what was being transferred. */
    private record Failure(int pid, long address, long requested, String field, int errno, String what) {
    }

    private static RemoteAccessException forErrno(Direction d, Failure f, int iovecs,
            IntFunction<String> permissionHint) {
        int pid = f.pid();
        String what = f.what();
        return switch (f.errno()) {
            case Errno.ESRCH -> new ProcessGoneException("process " + pid + " is gone (ESRCH) " + what + ": it "
                    + "exited, or is a zombie waiting to be reaped. Attach to its new instance (re-resolve the "
                    + "registry).", pid, f.address(), f.requested(), f.field(), f.errno(), false);
            case Errno.EPERM -> {
                String hint = permissionHint.apply(pid);
                yield new PermissionDeniedException("permission denied (EPERM) " + what + ". " + hint,
                        pid, f.address(), f.requested(), f.field(), f.errno(), hint);
            }
            case Errno.EFAULT -> new BadAddressException("bad address (EFAULT) " + what + ": " + Hex.of(f.address())
                    + " is not mapped or not " + d.accessible + " in the target, nothing was " + d.participle
                    + ". Check the address: a stale registry, a wrong base address, or memory the target "
                    + "has freed.", pid, f.address(), f.requested(), f.field(), f.errno());
            case Errno.ENOSYS -> new UnsupportedSyscallException(d.syscall + " is not available (ENOSYS) " + what
                    + ": the kernel is older than 3.2, was built without CONFIG_CROSS_MEMORY_ATTACH, or a seccomp "
                    + "filter (container runtime) blocks it. Run where " + d.syscall + " is allowed.",
                    pid, f.address(), f.requested(), f.field(), f.errno());
            case Errno.EINVAL -> new RemoteAccessException(d.syscall + " rejected its arguments (EINVAL) " + what
                    + " (" + iovecs + " iovecs, " + f.requested() + " bytes): more than " + ProcessVm.IOV_MAX
                    + " iovecs or a total length that overflows. If a generated view or batch caused this, "
                    + "it is a remotestruct bug: please report it with this message.",
                    pid, f.address(), f.requested(), f.field(), f.errno());
            case Errno.ENOMEM -> new RemoteAccessException("the kernel could not allocate memory for the iovec "
                    + "copies (ENOMEM) " + what + " (" + iovecs + " iovecs, " + f.requested() + " bytes). Retry, "
                    + "or use smaller batches.", pid, f.address(), f.requested(), f.field(), f.errno());
            default -> new RemoteAccessException(d.syscall + " failed with " + Errno.name(f.errno()) + " " + what
                    + ".", pid, f.address(), f.requested(), f.field(), f.errno());
        };
    }

    /** The field a transfer covers when it covers exactly one (a {@code readX()}), else null. */
    private static String onlyField(List<Segment> segments) {
        if (segments.size() != 1) {
            return null;
        }
        Segment s = segments.get(0);
        String first = s.target().fieldAt(s.targetOffset());
        String last = s.target().fieldAt(s.targetOffset() + s.length() - 1);
        return first != null && first.equals(last) ? first : null;
    }

    private static PartialTransferException partial(Direction d, int pid, ShortTransfer s) {
        boolean raw = s.failedTarget() instanceof TransferTarget.Raw;
        String of = s.targetCount() > 1 ? " of a batch of " + s.targetCount() + (d == Direction.READ ? " reads" : " writes")
                : raw ? " at " + Hex.of(s.failedTarget().address()) : " of " + s.failedTarget().describe();
        String where = s.targetCount() > 1 ? " in " + s.failedTarget().describe() : "";
        String failed = s.failedField() == null
                ? (raw ? "" : ", in padding (no field)" + where)
                : ", byte " + s.failedFieldBytes() + " of field '" + s.failedField() + "' (" + s.failedFieldLength()
                        + " bytes)" + where;
        String head = (d == Direction.READ ? "short read from" : "partial write to") + " pid " + pid + ": "
                + s.transferred() + " of " + s.requested() + " bytes" + of + " were " + d.participle
                + "; the kernel stopped at " + Hex.of(s.failedAddress()) + failed + ", which is not mapped or not "
                + d.accessible + " in the target.";
        String check = raw ? " Check the address and length." : " Check the address and struct size against the "
                + "target (stale registry? wrong base address?).";
        if (d == Direction.READ) {
            String lists = raw ? "" : " Read fully: " + s.complete() + "; not read: " + s.notAttempted() + ".";
            String values = s.targetCount() > 1 ? " Reads completed before the failure keep their new values; the "
                    + "others have none." : " No value was returned.";
            return new PartialTransferException(head + lists + values + check, pid, s.failedAddress(), s.requested(),
                    s.transferred(), s.failedField(), s.failedFieldBytes(), s.complete(), s.notAttempted());
        }
        String torn = s.failedField() == null || s.failedFieldBytes() == 0 ? ""
                : " Field '" + s.failedField() + "' got only its first " + s.failedFieldBytes() + " of "
                        + s.failedFieldLength() + " bytes: it now mixes new and old bytes.";
        String lists = raw ? " Bytes from " + Hex.of(s.failedAddress()) + " on were not written."
                : " Written fully: " + s.complete() + "." + torn + " Not written: " + s.notAttempted() + ".";
        return new PartialWriteException(head + lists + " Re-read the target's memory to see its current state "
                + "before retrying.", pid, s.failedAddress(), s.requested(), s.transferred(), s.failedField(),
                s.failedFieldBytes(), s.complete(), s.notAttempted());
    }

    private static String what(Direction d, int pid, List<Segment> segments, String field, Segment at,
            long requested) {
        String target = at.target().describe();
        String whole = segments.stream().map(Segment::target).distinct().count() > 1
                ? " in a batch of " + requested + " bytes" : "";
        return d.gerund + (field == null ? " " : " field '" + field + "' of ") + target + whole + " in pid " + pid;
    }

    private static Segment segmentAt(List<Segment> segments, long offset) {
        long cumulative = 0;
        for (Segment s : segments) {
            if (cumulative + s.length() > offset) {
                return s;
            }
            cumulative += s.length();
        }
        return segments.get(segments.size() - 1);
    }

    private static long startOf(List<Segment> segments, Segment target) {
        long cumulative = 0;
        for (Segment s : segments) {
            if (s == target) {
                return cumulative;
            }
            cumulative += s.length();
        }
        return cumulative;
    }
}
