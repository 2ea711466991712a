package org.remotestruct.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructLayout;

/**
 * A view's single reads through its process's {@code /proc/<pid>/mem} descriptor
 * ({@link ProcMemChannel}): one positional read of the struct's bytes (from its first span to its
 * last, the gaps between spans read along), or of one field's, straight into the view's buffer at
 * their struct offsets. Allocates nothing on success.
 *
 * <p>Reads go over {@code process_vm_readv} ({@link ProcessVmStructReads}, built on first need)
 * where the descriptor is not available, after an I/O error (that read then reports exactly what
 * failed), and for a struct whose gaps add up to a page or more: those could hold a whole page none
 * of its fields touch, which may be unmapped, and copying them would cost more than the syscall saves.
 */
final class ProcMemStructReads implements StructReads {

    /** The smallest page size of Linux: gaps this long may hold an unmapped page. */
    private static final long PAGE = 4096;

    private final ProcMemChannel channel;
    private final StructLayout layout;
    private final long address;
    /** The view's buffer, seen through its own position and limit. */
    private final ByteBuffer window;
    /** The native address of the buffer's index 0. */
    private final long windowAddress;
    private final Supplier<ProcessVmStructReads> processVm;
    /** Struct offsets of the whole read, {@code start == -1} when it goes over process_vm_readv. */
    private final int wholeStart;
    private final int wholeEnd;
    private ProcessVmStructReads fallback;

    ProcMemStructReads(ProcMemChannel channel, long address, StructLayout layout, NativeBlock data,
            Supplier<ProcessVmStructReads> processVm) {
        this.channel = channel;
        this.layout = layout;
        this.address = address;
        this.window = data.buffer().duplicate();
        this.windowAddress = data.address();
        this.processVm = processVm;
        List<StructLayout.Span> spans = layout.spans();
        boolean fileReadable = !spans.isEmpty() && readable(address, spans.get(0).offset(),
                spans.get(spans.size() - 1).end()) && gapBytes(spans) < PAGE;
        this.wholeStart = fileReadable ? spans.get(0).offset() : -1;
        this.wholeEnd = fileReadable ? spans.get(spans.size() - 1).end() : -1;
    }

    /** Whether struct bytes {@code start..end} at {@code address} are a valid positional read. */
    private static boolean readable(long address, int start, int end) {
        long first = address + start;
        return address >= 0 && first >= 0 && first + (end - start) > first && end - start <= ProcMemChannel.MAX_READ;
    }

    private static long gapBytes(List<StructLayout.Span> spans) {
        long gaps = 0;
        for (int i = 1; i < spans.size(); i++) {
            gaps += spans.get(i).offset() - spans.get(i - 1).end();
        }
        return gaps;
    }

    @Override
    public void readStruct() {
        if (wholeStart < 0) {
            processVm().readStruct();
            return;
        }
        window.limit(wholeEnd).position(wholeStart);
        int n = channel.read(window, windowAddress, address + wholeStart);
        if (n != wholeEnd - wholeStart) {
            if (n == ProcMemChannel.USE_READV) {
                processVm().readStruct();
                return;
            }
            BatchPlan plan = ProcessVmStructReads.wholePlan(layout, address);
            throw n < 0 ? channel.identityLost(plan.targets().get(0).describe(), plan.segments())
                    : channel.shortRead(plan.segments(), address + wholeStart, n);
        }
    }

    @Override
    public void readField(int fieldIndex) {
        FieldLayout f = layout.fields().get(fieldIndex);
        int length = f.byteLength();
        if (!readable(address, f.offset(), f.end())) {
            processVm().readField(fieldIndex);
            return;
        }
        window.limit(f.end()).position(f.offset());
        int n = channel.read(window, windowAddress, address + f.offset());
        if (n != length) {
            if (n == ProcMemChannel.USE_READV) {
                processVm().readField(fieldIndex);
                return;
            }
            BatchPlan plan = ProcessVmStructReads.fieldPlan(layout, address, fieldIndex);
            String what = "field '" + TransferTarget.label(layout, address) + "." + f.name() + "' of "
                    + plan.targets().get(0).describe();
            throw n < 0 ? channel.identityLost(what, plan.segments())
                    : channel.shortRead(plan.segments(), address + f.offset(), n);
        }
    }

    private ProcessVmStructReads processVm() {
        if (fallback == null) {
            fallback = processVm.get();
        }
        return fallback;
    }
}
