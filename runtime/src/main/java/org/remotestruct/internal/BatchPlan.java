package org.remotestruct.internal;

import java.util.ArrayList;
import java.util.List;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructLayout;

/**
 * The native layout of a read or write batch, computed once per set of items: where each item lands in
 * the local buffer, the iovecs (one per span, split past the byte limit) and how they group into
 * syscalls of at most {@code maxIovecs} iovecs and {@code maxBytes} bytes. Pure.
 *
 * @param targets the target of each item, in item order
 * @param segments the remote iovecs in transfer order
 * @param localOffsets offset in the local buffer of each segment's first byte
 * @param dataOffsets offset in the local buffer of each item's byte 0
 * @param streamEnds bytes of the segment stream up to and including each item
 * @param callStart index of each call's first segment, then the segment count
 * @param callBytes bytes each call requests
 * @param dataBytes size of the local buffer
 */
public record BatchPlan(List<TransferTarget> targets, List<Segment> segments, long[] localOffsets, int[] dataOffsets, long[] streamEnds,
        int[] callStart, long[] callBytes, long dataBytes) {

    /**
     * One item of the batch.
     *
     * @param target what it reads
     * @param spans the byte ranges of the item to transfer, in transfer order
     * @param size bytes the item occupies in the local buffer
     * @param locals where each span lands in the item's local bytes, or {@code null} when each lands
     *     at its own offset (a sequenced read's second copy of the sequence field lands elsewhere)
     */
    public record Entry(TransferTarget target, List<StructLayout.Span> spans, int size, int[] locals) {

        /** An item whose spans, ascending, land at their own offsets. */
        public Entry(TransferTarget target, List<StructLayout.Span> spans, int size) {
            this(target, spans, size, null);
        }
    }

    /** The plan of a write under the kernel's limits ({@link ProcessVm#IOV_MAX}, {@link ProcessVm#MAX_RW_COUNT}). */
    public static BatchPlan of(List<Entry> entries) {
        return of(entries, ProcessVm.IOV_MAX, ProcessVm.MAX_RW_COUNT);
    }

    /**
     * The plan of a read: as {@link #of(List)}, leaving room in every call for the leading
     * {@link ImageCookie} (one iovec and its bytes).
     */
    public static BatchPlan forRead(List<Entry> entries) {
        return of(entries, ProcessVm.IOV_MAX - 1, ProcessVm.MAX_RW_COUNT - ImageCookie.LENGTH);
    }

    /**
     * The runs of a struct transfer covering fields {@code order} (ascending offset): exactly
     * adjacent fields share one run, so they share one iovec.
     */
    public static List<StructLayout.Span> fieldRuns(StructLayout layout, int[] order) {
        List<StructLayout.Span> runs = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (int index : order) {
            FieldLayout f = layout.fields().get(index);
            if (start >= 0 && f.offset() > end) {
                runs.add(new StructLayout.Span(start, end - start));
                start = -1;
            }
            if (start < 0) {
                start = f.offset();
            }
            end = Math.max(end, f.end()); // bitfields of one unit overlap: one run writes the unit once
        }
        if (start >= 0) {
            runs.add(new StructLayout.Span(start, end - start));
        }
        return runs;
    }

    /** The entry transferring fields {@code target.order()} of a struct, its runs as {@link #fieldRuns}. */
    public static Entry fieldsEntry(TransferTarget.Struct target) {
        return new Entry(target, fieldRuns(target.layout(), target.order()), target.layout().size());
    }

    /**
     * The plan with the given per-call limits.
     *
     * @throws IllegalArgumentException if the items need more than {@link Integer#MAX_VALUE} bytes
     */
    public static BatchPlan of(List<Entry> entries, int maxIovecs, long maxBytes) {
        List<Segment> segments = new ArrayList<>();
        List<Long> local = new ArrayList<>();
        int[] dataOffsets = new int[entries.size()];
        long[] streamEnds = new long[entries.size()];
        long data = 0;
        long stream = 0;
        for (int k = 0; k < entries.size(); k++) {
            Entry e = entries.get(k);
            data = (data + 7) & ~7L; // 8-byte aligned items keep decoders on aligned addresses
            if (data + e.size() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("batch exceeds " + Integer.MAX_VALUE + " bytes at item "
                        + k + " (" + e.target().describe() + "); use several batches");
            }
            dataOffsets[k] = (int) data;
            stream += addSegments(e, data, maxBytes, segments, local);
            streamEnds[k] = stream;
            data += e.size();
        }
        Calls calls = Calls.of(segments, maxIovecs, maxBytes);
        return new BatchPlan(entries.stream().map(Entry::target).toList(), List.copyOf(segments), toArray(local), dataOffsets, streamEnds, calls.start(),
                calls.bytes(), data);
    }

    /**
     * Appends the segments of {@code e}, whose byte 0 lands at {@code data} in the local buffer,
     * splitting spans longer than {@code maxBytes}; returns the bytes they cover.
     */
    private static long addSegments(Entry e, long data, long maxBytes, List<Segment> segments, List<Long> local) {
        long added = 0;
        for (int k = 0; k < e.spans().size(); k++) {
            StructLayout.Span span = e.spans().get(k);
            long offset = span.offset();
            long shift = e.locals() == null ? 0 : e.locals()[k] - span.offset();
            long left = span.length();
            while (left > 0) {
                long n = Math.min(left, maxBytes);
                segments.add(new Segment(e.target(), offset, n));
                local.add(data + offset + shift);
                offset += n;
                left -= n;
                added += n;
            }
        }
        return added;
    }

    /** The syscalls of a plan: index of each call's first segment (then the segment count), and its bytes. */
    private record Calls(int[] start, long[] bytes) {

        /** Groups {@code segments}, in order, into calls of at most {@code maxIovecs} iovecs and {@code maxBytes}. */
        static Calls of(List<Segment> segments, int maxIovecs, long maxBytes) {
            List<Integer> starts = new ArrayList<>();
            List<Long> bytes = new ArrayList<>();
            long current = 0;
            int count = 0;
            for (int i = 0; i < segments.size(); i++) {
                long n = segments.get(i).length();
                if (count > 0 && (count == maxIovecs || current + n > maxBytes)) {
                    bytes.add(current);
                    current = 0;
                    count = 0;
                }
                if (count == 0) {
                    starts.add(i);
                }
                current += n;
                count++;
            }
            if (count > 0) {
                bytes.add(current);
            }
            starts.add(segments.size());
            return new Calls(starts.stream().mapToInt(Integer::intValue).toArray(), toArray(bytes));
        }
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
