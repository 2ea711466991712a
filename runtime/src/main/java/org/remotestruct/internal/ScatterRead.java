package org.remotestruct.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.remotestruct.BadAddressException;
import org.remotestruct.PartialTransferException;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.StructLayout;

/**
 * Reads many structs scattered over the target's memory with one {@code process_vm_readv} (more
 * only past the kernel's iovec or byte limits), where a struct that cannot be read fails alone: a
 * level of a {@link org.remotestruct.RemoteGraph}.
 *
 * <p>The kernel copies iovecs in order and stops at the first remote byte it cannot read, so one
 * dangling pointer cuts the call short there. The structs before it arrived whole; the one it
 * stopped in gets a {@link BadAddressException} of its own; the rest are read by one more call
 * that starts after it. A read of {@code n} structs of which {@code d} dangle thus makes at most
 * {@code 1 + d} calls (per kernel-limited part), and exactly one when none dangles. Every call
 * carries the {@link ImageCookie}: a changed process fails the whole read, never one struct.
 */
public final class ScatterRead {

    /** One struct to read: its layout and remote address. */
    public record Item(StructLayout layout, long address) {
    }

    /**
     * What a scatter read gave.
     *
     * @param data the bytes, native order; item {@code i} at {@code offsets[i]}
     * @param offsets where each item's byte 0 is in {@code data}
     * @param errors each item's failure, or {@code null} for an item read whole
     * @param calls the {@code process_vm_readv} calls made
     */
    public record Result(ByteBuffer data, int[] offsets, RemoteAccessException[] errors, int calls) {
    }

    private ScatterRead() {
    }

    /**
     * Reads every item.
     *
     * @throws org.remotestruct.ProcessChangedException if a call's cookie does not match: nothing
     *     of the read is to be used
     * @throws RemoteAccessException for a failure of the whole call (process gone, permission
     *     denied); a struct that is not mapped fails alone, in {@link Result#errors()}
     */
    public static Result read(int pid, ImageCookie cookie, List<Item> items) {
        List<BatchPlan.Entry> entries = new ArrayList<>(items.size());
        for (Item item : items) {
            StructLayout layout = item.layout();
            entries.add(new BatchPlan.Entry(TransferTarget.struct(layout, item.address()),
                    List.of(new StructLayout.Span(0, layout.size())), layout.size()));
        }
        BatchPlan whole = BatchPlan.forRead(entries);
        NativeBlock data = new NativeBlock(Math.max(1, whole.dataBytes()));
        NativeBlock cookieSlot = new NativeBlock(ImageCookie.LENGTH);
        RemoteAccessException[] errors = new RemoteAccessException[items.size()];
        int calls = 0;
        int from = 0;
        while (from < items.size()) {
            // Offsets are 8-aligned from each item on, so the remainder's plan places every item
            // where the whole plan does, shifted by the first one's offset.
            BatchPlan plan = from == 0 ? whole : BatchPlan.forRead(entries.subList(from, entries.size()));
            NativeBlock iovecs = new NativeBlock(Transfer.iovecBytes(Transfer.iovecCount(plan, true)));
            Transfer transfer = Transfer.read(pid, cookie, cookieSlot, plan,
                    data.address() + whole.dataOffsets()[from], iovecs, 0);
            try {
                transfer.read();
                calls += transfer.calls();
                break;
            } catch (BadAddressException | PartialTransferException e) {
                long good = transfer.transferred();
                calls += callsUpTo(plan, good);
                int failed = from + itemAt(plan, good);
                errors[failed] = dangling(pid, items.get(failed), good - startOf(plan, failed - from), e);
                from = failed + 1;
            }
        }
        return new Result(data.buffer(), whole.dataOffsets(), errors, calls);
    }

    /** Index (in {@code plan}) of the item holding stream byte {@code at}: the first not read whole. */
    private static int itemAt(BatchPlan plan, long at) {
        long[] ends = plan.streamEnds();
        int k = 0;
        while (k < ends.length - 1 && ends[k] <= at) {
            k++;
        }
        return k;
    }

    private static long startOf(BatchPlan plan, int item) {
        return item == 0 ? 0 : plan.streamEnds()[item - 1];
    }

    /** Calls a run of {@code plan} made before stopping at stream byte {@code at}: through the one holding it. */
    private static int callsUpTo(BatchPlan plan, long at) {
        long end = 0;
        long[] bytes = plan.callBytes();
        for (int c = 0; c < bytes.length; c++) {
            end += bytes[c];
            if (at < end) {
                return c + 1;
            }
        }
        return bytes.length;
    }

    private static BadAddressException dangling(int pid, Item item, long readBytes, RemoteAccessException cause) {
        StructLayout layout = item.layout();
        long bad = item.address() + Math.max(readBytes, 0);
        String label = TransferTarget.label(layout, item.address());
        String where = readBytes <= 0 ? "nothing is mapped at " + Hex.of(item.address())
                : "only its first " + readBytes + " of " + layout.size() + " bytes are mapped (up to " + Hex.of(bad) + ")";
        BadAddressException e = new BadAddressException("pid " + pid + ": cannot read struct " + layout.name() + " ("
                + layout.size() + " bytes at " + Hex.of(item.address()) + "): " + where + ". The pointer to it dangles"
                + " (freed or never set); the other structs of the read are not affected.", pid, item.address(),
                layout.size(), label, Errno.EFAULT);
        e.initCause(cause);
        return e;
    }
}
