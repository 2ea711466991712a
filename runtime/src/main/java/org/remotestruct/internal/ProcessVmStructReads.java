package org.remotestruct.internal;

import java.util.List;
import org.remotestruct.FieldLayout;
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
        int pid = process.pid();
        ImageCookie cookie = ProcessImages.cookieOf(process);
        NativeBlock cookieSlot = new NativeBlock(ImageCookie.LENGTH);
        List<FieldLayout> fieldLayouts = layout.fields();
        BatchPlan wholePlan = wholePlan(layout, address);
        BatchPlan[] fieldPlans = new BatchPlan[fieldLayouts.size()];
        int iovecCount = Transfer.iovecCount(wholePlan, true);
        for (int i = 0; i < fieldPlans.length; i++) {
            fieldPlans[i] = fieldPlan(layout, address, i);
            iovecCount += Transfer.iovecCount(fieldPlans[i], true);
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
