package org.remotestruct.probe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Objects;
import org.remotestruct.RemoteProcess;
import org.remotestruct.RemoteView;
import org.remotestruct.StructLayout;
import org.remotestruct.StructType;
import org.remotestruct.StructView;

/**
 * A known {@link StructType} whose elements a read keeps as their bytes, decoded only when they
 * are shown ({@link #fields}): a round of {@code probe serve} copies what it read and nothing
 * more, and a scrape decodes what it exports. Binds like the type it wraps (same name, layout and
 * fingerprint), so the runtime's binding checks and {@code ReadBatch} apply unchanged. Read only.
 */
final class RawStructType implements StructType<RawStructType.Element> {

    /**
     * One struct as read: its bytes in the target's (native) byte order, at {@code offset} of
     * {@code bytes}, which may hold the other elements of the same read too.
     *
     * @param bytes at least {@link StructType#size()} bytes from {@code offset}, never modified after the read
     * @param offset where the struct starts in {@code bytes}
     */
    record Element(byte[] bytes, int offset) {
    }

    private final DecodingType type;
    /** The struct's size, kept: {@link #decode} runs for every element of every round. */
    private final int size;

    RawStructType(DecodingType type) {
        this.type = Objects.requireNonNull(type, "type");
        this.size = type.size();
    }

    /** The type the elements are decoded as. */
    DecodingType decodingType() {
        return type;
    }

    /** The fields of {@code element}, as {@link StructType#decodeToMap} returns them. */
    Map<String, Object> fields(Element element) {
        return type.decodeToMap(ByteBuffer.wrap(element.bytes()).order(ByteOrder.nativeOrder()), element.offset());
    }

    @Override
    public Class<Element> recordType() {
        return Element.class;
    }

    @Override
    public StructLayout layout() {
        return type.layout();
    }

    @Override
    public int size() {
        return size;
    }

    /** Copies the struct's bytes: the batch's buffer is overwritten by its next read. */
    @Override
    public Element decode(ByteBuffer buffer, int offset) {
        byte[] bytes = new byte[size];
        buffer.get(offset, bytes);
        return new Element(bytes, 0);
    }

    /**
     * Copies the bytes of all {@code count} structs with one copy when they lie back to back (an
     * array, as {@link org.remotestruct.ReadBatch#addArray} decodes it) and makes each element a view
     * of that copy: a round of {@code probe serve} reads arrays of many structs for every target, and
     * one bulk copy per array costs far less than one per struct.
     */
    @Override
    public void decodeAll(ByteBuffer buffer, int[] offsets, Element[] out, int count) {
        if (count == 0) {
            return;
        }
        int from = offsets[0];
        int to = from;
        for (int i = 0; i < count; i++) {
            from = Math.min(from, offsets[i]);
            to = Math.max(to, offsets[i] + size);
        }
        if (to - from > (long) count * size) { // not one array (gaps between the structs): copy each on its own
            StructType.super.decodeAll(buffer, offsets, out, count);
            return;
        }
        byte[] bytes = new byte[to - from];
        buffer.get(from, bytes);
        for (int i = 0; i < count; i++) {
            out[i] = new Element(bytes, offsets[i] - from);
        }
    }

    @Override
    public Map<String, Object> decodeToMap(ByteBuffer buffer, int offset) {
        return type.decodeToMap(buffer, offset);
    }

    @Override
    public void encode(Element value, ByteBuffer buffer, int offset) {
        throw new UnsupportedOperationException("the probe's reads are read only");
    }

    @Override
    public RemoteView<Element> view(RemoteProcess process, long address) {
        return StructView.of(this, process, address);
    }

    @Override
    public String toString() {
        return type.toString();
    }
}
