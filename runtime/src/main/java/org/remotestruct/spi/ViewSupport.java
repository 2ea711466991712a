package org.remotestruct.spi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;
import org.remotestruct.internal.Hex;
import org.remotestruct.internal.ImageCookie;
import org.remotestruct.internal.LibC;
import org.remotestruct.internal.NativeBlock;
import org.remotestruct.internal.ProcessImages;
import org.remotestruct.internal.ProcessVm;
import org.remotestruct.internal.RawTransfer;
import org.remotestruct.internal.Segment;
import org.remotestruct.internal.TransferFailures;
import org.remotestruct.internal.TransferTarget;

/**
 * The state behind one generated view: target process, base address, layout and the reusable
 * native buffer and iovec arrays its reads use.
 *
 * <p>Everything native is built once in the constructor: a buffer of {@code layout.size()} bytes,
 * a 16-byte slot for the target's image cookie, and the iovec pairs: the cookie then one per span
 * of {@link StructLayout#spans()} (a whole-struct read), and for each field the cookie then the
 * field (a single-field read). Every read carries the cookie as its first iovec, so its bytes are
 * known to come from the program image attached to. A read then writes nothing but the kernel's
 * result. Not thread-safe, like the view that owns it.
 */
public final class ViewSupport {

    private final RemoteProcess process;
    private final long address;
    private final StructLayout layout;
    private final int pid;
    private final ImageCookie cookie;
    private final NativeBlock data;
    private final NativeBlock cookieSlot;
    /**
     * Local iovecs: the cookie, the spans, then a (cookie, field) pair per field; the remote iovecs
     * follow at index {@code remoteBase}.
     */
    private final NativeBlock iovecs;
    private final int spanCount;
    private final int remoteBase;
    private final long spanBytes;
    private FieldWriter fieldWriter;

    /** State for the struct of {@code layout} at {@code address} in {@code process}. */
    public ViewSupport(RemoteProcess process, long address, StructLayout layout) {
        this.process = Objects.requireNonNull(process, "process");
        this.address = address;
        this.layout = Objects.requireNonNull(layout, "layout");
        this.pid = process.pid();
        this.cookie = ProcessImages.cookieOf(process);
        this.data = new NativeBlock(layout.size());
        this.cookieSlot = new NativeBlock(ImageCookie.LENGTH);
        List<StructLayout.Span> spans = layout.spans();
        List<FieldLayout> fields = layout.fields();
        this.spanCount = spans.size();
        this.remoteBase = 1 + spanCount + 2 * fields.size();
        this.iovecs = new NativeBlock(2L * remoteBase * ProcessVm.IOVEC_SIZE);
        cookie.putIovecs(iovecs, 0, remoteBase, cookieSlot.address());
        long bytes = 0;
        for (int i = 0; i < spanCount; i++) {
            StructLayout.Span s = spans.get(i);
            iovecs.putIovec(1 + i, data.address() + s.offset(), s.length());
            iovecs.putIovec(remoteBase + 1 + i, address + s.offset(), s.length());
            bytes += s.length();
        }
        this.spanBytes = bytes;
        for (int i = 0; i < fields.size(); i++) {
            FieldLayout f = fields.get(i);
            int at = fieldIovec(i);
            cookie.putIovecs(iovecs, at, remoteBase + at, cookieSlot.address());
            iovecs.putIovec(at + 1, data.address() + f.offset(), f.byteLength());
            iovecs.putIovec(remoteBase + at + 1, address + f.offset(), f.byteLength());
        }
    }

    /** Index of the cookie iovec that starts field {@code fieldIndex}'s read. */
    private int fieldIovec(int fieldIndex) {
        return 1 + spanCount + 2 * fieldIndex;
    }

    /** The target process. */
    public RemoteProcess process() {
        return process;
    }

    /** The struct's address in the target. */
    public long address() {
        return address;
    }

    /** The struct's layout. */
    public StructLayout layout() {
        return layout;
    }

    /**
     * Reads every span of the layout with one {@code process_vm_readv} into the view's reusable
     * buffer and returns it: native byte order, index 0 is struct offset 0. Valid until the next
     * read through this support. Allocates nothing.
     *
     * @throws org.remotestruct.RemoteAccessException on failure; a short read is a
     *     {@link org.remotestruct.PartialTransferException} naming the field and byte it stopped at
     */
    public ByteBuffer readStruct() {
        long r = ProcessVm.readv(pid, iovecs.iovecAddress(0), iovecs.iovecAddress(remoteBase), 1 + spanCount);
        if (r != spanBytes + ImageCookie.LENGTH || !cookie.matches(cookieSlot.buffer(), 0)) {
            throw cookie.readFailure(pid, r, cookieSlot.buffer(), 0, "struct " + layout.name() + " at "
                    + Hex.of(address), d -> TransferFailures.of(TransferFailures.Direction.READ, pid,
                            structSegments(), 0, d));
        }
        return data.buffer();
    }

    /**
     * Reads only field {@code fieldIndex} (index into {@code layout().fields()}) with one syscall;
     * the bytes land at the field's own offset in the returned buffer (the same buffer as
     * {@link #readStruct()}). Allocates nothing.
     *
     * @throws IndexOutOfBoundsException if there is no such field
     * @throws org.remotestruct.RemoteAccessException on failure or a short read
     */
    public ByteBuffer readField(int fieldIndex) {
        FieldLayout f = layout.fields().get(fieldIndex);
        int iov = fieldIovec(fieldIndex);
        long r = ProcessVm.readv(pid, iovecs.iovecAddress(iov), iovecs.iovecAddress(remoteBase + iov), 2);
        if (r != f.byteLength() + ImageCookie.LENGTH || !cookie.matches(cookieSlot.buffer(), 0)) {
            TransferTarget target = new TransferTarget.Struct("", layout, address, new int[] {fieldIndex});
            throw cookie.readFailure(pid, r, cookieSlot.buffer(), 0, "field '" + f.name() + "' of "
                    + target.describe(), d -> TransferFailures.of(TransferFailures.Direction.READ, pid,
                            List.of(new Segment(target, f.offset(), f.byteLength())), 0, d));
        }
        return data.buffer();
    }

    /** A new writer whose marked fields are sent together in one {@code process_vm_writev}. */
    public FieldWriter newWriter() {
        return new FieldWriter(this);
    }

    /**
     * The writer this view's single-field {@code write...} methods share: created on the first
     * write, then reused, so a write allocates nothing (a new writer costs two native blocks).
     * Sharing is safe because {@link FieldWriter#apply()} clears its marks even when it fails and
     * a field's encoder rewrites all of that field's bytes, so one write never sends another's.
     * Callers that hold a writer across calls use {@link #newWriter()} instead.
     */
    public FieldWriter fieldWriter() {
        if (fieldWriter == null) {
            fieldWriter = new FieldWriter(this);
        }
        return fieldWriter;
    }

    private List<Segment> structSegments() {
        TransferTarget target = new TransferTarget.Struct("", layout, address, TransferTarget.byOffset(layout));
        List<Segment> out = new ArrayList<>();
        for (StructLayout.Span s : layout.spans()) {
            out.add(new Segment(target, s.offset(), s.length()));
        }
        return out;
    }

    /**
     * Arrays up to this many bytes are read into a per-thread native buffer that is kept and reused:
     * allocating a direct buffer per call cost several times the syscall itself (see
     * docs/benchmarks.md), while keeping larger ones alive would pin memory for a rare call.
     */
    static final int REUSED_ARRAY_BYTES = 1 << 20;

    private static final ThreadLocal<NativeBlock> ARRAY_BUFFER = new ThreadLocal<>();

    /**
     * Reads {@code count} consecutive structs of {@code layout} at {@code address} with one syscall
     * and returns them in a native-order buffer of exactly {@code count * layout.size()} bytes
     * (index 0 is element 0). Reads the whole stride, padding included, since elements are
     * contiguous anyway. Up to {@value #REUSED_ARRAY_BYTES} bytes the buffer is reused by the calling
     * thread: decode it before this thread's next {@code readArray}.
     *
     * @throws IllegalArgumentException if {@code count} is negative or the size overflows an int
     * @throws org.remotestruct.RemoteAccessException on failure; a short read names the element
     *     and field it stopped at
     */
    public static ByteBuffer readArray(RemoteProcess process, StructLayout layout, long address, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("array of struct " + layout.name() + ": count must be >= 0, was " + count);
        }
        long bytes = (long) count * layout.size();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("array of " + count + " struct " + layout.name() + " is " + bytes
                    + " bytes, more than a ByteBuffer holds (" + Integer.MAX_VALUE + "); read it in parts");
        }
        ByteBuffer out = arrayBuffer((int) bytes);
        if (bytes > 0) {
            RawTransfer.read(process.pid(), ProcessImages.cookieOf(process), address, LibC.addressOf(out), bytes, layout,
                    count);
        }
        return out;
    }

    private static ByteBuffer arrayBuffer(int bytes) {
        if (bytes > REUSED_ARRAY_BYTES) {
            return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        NativeBlock block = ARRAY_BUFFER.get();
        if (block == null || block.size() < bytes) {
            // Grow to a power of two so a thread reading arrays of varying sizes settles quickly.
            block = new NativeBlock(Math.max(64, Integer.highestOneBit(Math.max(1, bytes - 1)) << 1));
            ARRAY_BUFFER.set(block);
        }
        return block.buffer().slice(0, bytes).order(ByteOrder.nativeOrder());
    }
}
