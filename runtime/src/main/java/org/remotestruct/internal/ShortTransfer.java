package org.remotestruct.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a transfer that moved fewer bytes than requested stopped, mapped back to targets and
 * fields. The kernel transfers remote iovecs in order and stops at the first byte it cannot
 * access, possibly inside an iovec at a page boundary, so the bytes transferred are always a
 * prefix of the segments. Pure: segments and a byte count in, a description out.
 *
 * @param requested total bytes of all segments
 * @param transferred bytes the kernel transferred
 * @param failedAddress remote address of the first byte not transferred
 * @param failedTarget the target containing that byte
 * @param failedOffset offset of that byte within {@code failedTarget}
 * @param report fields complete, failed and not attempted, across all targets
 * @param targetCount number of distinct targets in the transfer
 */
public record ShortTransfer(long requested, long transferred, long failedAddress, TransferTarget failedTarget,
        long failedOffset, TransferTarget.Report report, int targetCount) {

    /**
     * Locates the failure of a transfer of {@code segments} that moved only {@code transferred}
     * bytes.
     *
     * @throws IllegalArgumentException if {@code transferred} is not less than the segments' total
     */
    public static ShortTransfer analyse(List<Segment> segments, long transferred) {
        long requested = 0;
        for (Segment s : segments) {
            requested += s.length();
        }
        if (transferred < 0 || transferred >= requested) {
            throw new IllegalArgumentException("not a short transfer: " + transferred + " of " + requested + " bytes");
        }
        List<TransferTarget> targets = new ArrayList<>();
        long cumulative = 0;
        Segment failed = null;
        long failedOffset = 0;
        for (Segment s : segments) {
            if (targets.isEmpty() || targets.get(targets.size() - 1) != s.target()) {
                targets.add(s.target());
            }
            if (failed == null && cumulative + s.length() > transferred) {
                failed = s;
                failedOffset = s.targetOffset() + (transferred - cumulative);
            }
            cumulative += s.length();
        }
        TransferTarget.Report report = new TransferTarget.Report();
        boolean seenFailed = false;
        for (TransferTarget t : targets) {
            if (t == failed.target()) {
                t.report(failedOffset, report);
                seenFailed = true;
            } else {
                // other targets of a batch are all-or-nothing: one entry each keeps the message short
                (seenFailed ? report.notAttempted : report.complete).add(t.describe());
            }
        }
        return new ShortTransfer(requested, transferred, failed.target().address() + failedOffset, failed.target(),
                failedOffset, report, targets.size());
    }

    /** Fields transferred fully. */
    public List<String> complete() {
        return report.complete;
    }

    /** Fields not transferred at all, the failed field included when none of its bytes were. */
    public List<String> notAttempted() {
        return report.notAttempted;
    }

    /** The field containing the failed byte, or {@code null} (padding or raw bytes). */
    public String failedField() {
        return report.failedField;
    }

    /** Bytes of {@link #failedField()} transferred before the failure. */
    public int failedFieldBytes() {
        return report.failedFieldBytes;
    }

    /** Size of {@link #failedField()} in bytes. */
    public int failedFieldLength() {
        return report.failedFieldLength;
    }
}
