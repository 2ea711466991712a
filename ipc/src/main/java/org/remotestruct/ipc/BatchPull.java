package org.remotestruct.ipc;

import java.util.ArrayList;
import java.util.List;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;
import org.remotestruct.internal.BatchPlan;
import org.remotestruct.internal.ImageCookie;
import org.remotestruct.internal.NativeBlock;
import org.remotestruct.internal.ProcessImages;
import org.remotestruct.internal.Transfer;
import org.remotestruct.internal.TransferTarget;

/**
 * Pulls the bytes of several announced messages with one {@code process_vm_readv} through the
 * runtime's transfer engine: the sender's image cookie is the first iovec of the call (of every
 * call, should the batch exceed the kernel's per-call limits), then one iovec per message, landing
 * at {@link #offsets} in the caller's buffer. Not thread-safe; one per session.
 */
final class BatchPull {

    /** Messages land 8-byte aligned, as the transfer engine places items. */
    static final int ALIGNMENT = 8;

    private final NativeBlock cookieSlot = new NativeBlock(ImageCookie.LENGTH);
    private NativeBlock iovecs;
    private Transfer transfer;
    private int[] offsets = new int[0];

    /** Where the next message lands after {@code used} bytes of earlier ones. */
    static long offsetAfter(long used) {
        return (used + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /**
     * Reads every message of {@code pulls} from {@code process} into native memory at {@code
     * local}, checking the cookie; {@link #offsets()} then says where each landed.
     *
     * @throws org.remotestruct.RemoteAccessException as the transfer engine reports it; see
     *     {@link #failedAt} for the message it stopped in
     */
    void read(RemoteProcess process, List<Wire.Pull> pulls, long local) {
        List<BatchPlan.Entry> entries = new ArrayList<>(pulls.size());
        for (Wire.Pull p : pulls) {
            int length = (int) p.length(); // checked against the cap and the buffer before
            List<StructLayout.Span> spans = length == 0 ? List.of() : List.of(new StructLayout.Span(0, length));
            entries.add(new BatchPlan.Entry(new TransferTarget.Raw(p.address(), length), spans, length));
        }
        BatchPlan plan = BatchPlan.forRead(entries);
        offsets = plan.dataOffsets();
        long bytes = Transfer.iovecBytes(Transfer.iovecCount(plan, true));
        if (iovecs == null || iovecs.size() < bytes) {
            iovecs = new NativeBlock(bytes);
        }
        transfer = Transfer.read(process.pid(), ProcessImages.cookieOf(process), cookieSlot, plan, local, iovecs, 0);
        transfer.read(); // no call at all when every message is empty
    }

    /** Where each message of the last {@link #read} landed in the caller's buffer. */
    int[] offsets() {
        return offsets;
    }

    /** The index of the message a failed {@link #read} stopped in: the first not wholly pulled. */
    int failedAt() {
        long done = transfer.transferred();
        long[] ends = transfer.plan().streamEnds();
        for (int i = 0; i < ends.length; i++) {
            if (ends[i] > done) {
                return i;
            }
        }
        return ends.length - 1;
    }
}
