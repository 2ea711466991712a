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
     * One struct as read: its bytes in the target's (native) byte order.
     *
     * @param bytes exactly {@link StructType#size()} bytes, never modified after the read
     */
    record Element(byte[] bytes) {
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
        return type.decodeToMap(ByteBuffer.wrap(element.bytes()).order(ByteOrder.nativeOrder()), 0);
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
        return new Element(bytes);
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
