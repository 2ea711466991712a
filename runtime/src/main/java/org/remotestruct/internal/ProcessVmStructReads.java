package org.remotestruct.internal;

import java.util.List;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;

/**
 * A view's single reads with {@code process_vm_readv}: one transfer of the engine ({@link Transfer})
 * for the whole struct (every span of {@link StructLayout#spans()}) and one per field, all in one
 * iovec block built once, each carrying the target's image cookie as its first iovec.
 */
final class ProcessVmStructReads implements StructReads {

    private final Transfer whole;
    private final Transfer[] fields;

    ProcessVmStructReads(RemoteProcess process, long address, StructLayout layout, NativeBlock data) {
        this(process, data, wholePlan(layout, address), fieldPlans(layout, address));
    }

    /**
     * Reads that run {@code wholePlan} for the struct and {@code fieldPlans[i]} for field {@code i}
     * (plans of {@link BatchPlan#forRead}, local offsets from {@code data}'s start).
     */
    ProcessVmStructReads(RemoteProcess process, NativeBlock data, BatchPlan wholePlan, BatchPlan[] fieldPlans) {
        int pid = process.pid();
        ImageCookie cookie = ProcessImages.cookieOf(process);
        NativeBlock cookieSlot = new NativeBlock(ImageCookie.LENGTH);
        int iovecCount = Transfer.iovecCount(wholePlan, true);
        for (BatchPlan fieldPlan : fieldPlans) {
            iovecCount += Transfer.iovecCount(fieldPlan, true);
        }
        NativeBlock iovecs = new NativeBlock(Transfer.iovecBytes(iovecCount));
        this.whole = Transfer.read(pid, cookie, cookieSlot, wholePlan, data.address(), iovecs, 0);
        int at = 2 * Transfer.iovecCount(wholePlan, true);
        this.fields = new Transfer[fieldPlans.length];
        for (int i = 0; i < fieldPlans.length; i++) {
            fields[i] = Transfer.read(pid, cookie, cookieSlot, fieldPlans[i], data.address(), iovecs, at);
            at += 2 * Transfer.iovecCount(fieldPlans[i], true);
        }
    }

    private static BatchPlan[] fieldPlans(StructLayout layout, long address) {
        BatchPlan[] plans = new BatchPlan[layout.fields().size()];
        for (int i = 0; i < plans.length; i++) {
            plans[i] = fieldPlan(layout, address, i);
        }
        return plans;
    }

    /** The plan of a whole-struct read: every span, fields named {@code <struct>@<address>.<field>}. */
    static BatchPlan wholePlan(StructLayout layout, long address) {
        return BatchPlan.forRead(List.of(
                new BatchPlan.Entry(TransferTarget.struct(layout, address), layout.spans(), layout.size())));
    }

    /** The plan of a read of field {@code index} alone, at its own offset. */
    static BatchPlan fieldPlan(StructLayout layout, long address, int index) {
        return BatchPlan.forRead(List.of(BatchPlan.fieldsEntry(TransferTarget.field(layout, address, index))));
    }

    @Override
    public void readStruct() {
        whole.read();
    }

    @Override
    public void readField(int fieldIndex) {
        fields[fieldIndex].read();
    }
}
