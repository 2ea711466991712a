package org.remotestruct.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.remotestruct.PartialWriteException;
import org.remotestruct.RemoteAccessException;

/**
 * The exception for a write of fields whose {@code process_vm_writev} failed or came up short, in
 * the user's terms: every field of the structs before the failure landed, one field may be torn,
 * the rest were not written. Unlike a read batch, every written field is named (not just its
 * struct): the user has to know which values the target now holds. The same analysis for a view's
 * write and a write batch; raw bytes (no fields) get {@link TransferFailures}'. Only runs on the
 * failure path.
 */
public final class WriteFailures {

    private WriteFailures() {
    }

    /**
     * The exception for call {@code call} of {@code plan} returning {@code result} ({@code -errno} or
     * a short count) after earlier calls wrote {@code before} bytes; {@code permissionHint} explains
     * an EPERM (given the pid).
     */
    public static RemoteAccessException of(int pid, BatchPlan plan, int call, long before, long result,
            IntFunction<String> permissionHint) {
        List<Segment> segments = plan.segments();
        if ((result < 0 && before == 0) || !plan.targets().stream().allMatch(TransferTarget.Struct.class::isInstance)) {
            // Nothing landed (the plain errno exception says it all), or raw bytes without fields.
            return TransferFailures.of(TransferFailures.Direction.WRITE, pid, segments, before, result,
                    permissionHint);
        }
        List<TransferTarget.Struct> targets = plan.targets().stream().map(TransferTarget.Struct.class::cast).toList();
        // EFAULT after earlier calls means call `call` stopped at its first byte: a short write too.
        RemoteAccessException cause = result < 0 && result != -Errno.EFAULT
                ? TransferFailures.of(TransferFailures.Direction.WRITE, pid, segments, before, result, permissionHint)
                : null;
        long written = before + Math.max(result, 0);
        int k = 0;
        while (plan.streamEnds()[k] <= written) {
            k++;
        }
        long start = k == 0 ? 0 : plan.streamEnds()[k - 1];
        TransferTarget.Struct failed = targets.get(k);
        ShortTransfer s = ShortTransfer.analyse(segments.stream().filter(x -> x.target() == failed).toList(),
                written - start);
        List<String> complete = new ArrayList<>();
        List<String> notWritten = new ArrayList<>();
        for (int j = 0; j < targets.size(); j++) {
            if (j != k) {
                fieldNames(targets.get(j), j < k ? complete : notWritten);
            } else {
                complete.addAll(s.complete());
                notWritten.addAll(s.notAttempted());
            }
        }
        long requested = plan.streamEnds()[plan.streamEnds().length - 1];
        String message = head(pid, written, requested, targets.size(), s, failed, cause)
                + split(plan.callBytes().length, call) + " Written fully: " + complete + "." + torn(s)
                + " Not written: " + notWritten + ". Re-read the target's memory to see its current state before "
                + "retrying.";
        PartialWriteException e = new PartialWriteException(message, pid, s.failedAddress(), requested, written,
                s.failedField(), s.failedFieldBytes(), complete, notWritten);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private static String head(int pid, long written, long requested, int structs, ShortTransfer s,
            TransferTarget.Struct failed, RemoteAccessException cause) {
        String head = "partial write to pid " + pid + ": " + written + " of " + requested + " bytes of "
                + (structs == 1 ? failed.describe() : "a write batch of " + structs + " structs") + " were written; ";
        if (cause != null) {
            return head + "then the next process_vm_writev failed: " + cause.getMessage();
        }
        return head + "the kernel stopped at " + Hex.of(s.failedAddress()) + ", byte " + s.failedFieldBytes()
                + " of field '" + s.failedField() + "' (" + s.failedFieldLength() + " bytes) in " + failed.describe()
                + ", which is not mapped or not writable (read-only data or code?) in the target. Check the "
                + "address and struct size against the target (stale registry? wrong base address?).";
    }

    /** Why a split batch is not one syscall, and how far its calls got. */
    private static String split(int calls, int failedCall) {
        if (calls == 1) {
            return "";
        }
        return " The batch needed " + calls + " process_vm_writev calls (more than " + ProcessVm.IOV_MAX
                + " iovecs or " + ProcessVm.MAX_RW_COUNT + " bytes), so it was not written by one syscall: "
                + (failedCall == 0 ? "the first call failed." : "calls 1.." + failedCall + " completed, call "
                        + (failedCall + 1) + " failed.");
    }

    private static String torn(ShortTransfer s) {
        return s.failedFieldBytes() == 0 ? "" : " Field '" + s.failedField() + "' got only its first "
                + s.failedFieldBytes() + " of " + s.failedFieldLength() + " bytes: it now mixes new and old bytes.";
    }

    private static void fieldNames(TransferTarget.Struct target, List<String> out) {
        for (int index : target.order()) {
            out.add(target.prefix() + target.layout().fields().get(index).name());
        }
    }
}
