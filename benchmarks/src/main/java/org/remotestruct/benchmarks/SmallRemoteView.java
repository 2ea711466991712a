package org.remotestruct.benchmarks;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemoteProcess;
import org.remotestruct.RemoteView;
import org.remotestruct.StructLayout;
import org.remotestruct.StructType;
import org.remotestruct.annotations.CType;
import org.remotestruct.spi.ViewSupport;

/**
 * A view of {@code struct small} written by hand in the shape the processor generates, complete
 * with its {@link StructType}, so {@link org.remotestruct.ReadBatch} can batch it.
 */
public final class SmallRemoteView implements RemoteView<Small> {

    /** {@code sizeof(struct small)}. */
    public static final int SIZE = 64;

    /** The layout: 10 fields, contiguous. */
    public static final StructLayout LAYOUT = StructLayout.of("small", SIZE, List.of(
            field("id", 0, CType.INT64),
            field("hp", 8, CType.INT32),
            field("mana", 12, CType.INT32),
            field("x", 16, CType.DOUBLE),
            field("y", 24, CType.DOUBLE),
            field("z", 32, CType.DOUBLE),
            field("score", 40, CType.INT64),
            field("level", 48, CType.INT32),
            field("flags", 52, CType.UINT32),
            field("gold", 56, CType.DOUBLE)));

    /** The struct type. */
    public static final StructType<Small> TYPE = new Type();

    private final ViewSupport support;

    private SmallRemoteView(ViewSupport support) {
        this.support = support;
    }

    /** The view of the {@code struct small} at {@code address} in {@code process}; reads nothing yet. */
    public static SmallRemoteView at(RemoteProcess process, long address) {
        return new SmallRemoteView(new ViewSupport(process, address, LAYOUT));
    }

    private static FieldLayout field(String name, int offset, CType type) {
        return new FieldLayout(name, offset, type, 1, type.size(), false, null, null);
    }

    @Override
    public Small read() {
        return decode(support.readStruct(), 0);
    }

    /** Reads {@code count} consecutive structs at {@code address} with one syscall. */
    public static List<Small> readArray(RemoteProcess process, long address, int count) {
        ByteBuffer buffer = ViewSupport.readArray(process, LAYOUT, address, count);
        List<Small> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(decode(buffer, i * SIZE));
        }
        return Collections.unmodifiableList(out);
    }

    /** Decodes the struct at {@code offset} of {@code buffer} (native byte order); pure, absolute gets only. */
    public static Small decode(ByteBuffer buffer, int offset) {
        return new Small(
                buffer.getLong(offset),
                buffer.getInt(offset + 8),
                buffer.getInt(offset + 12),
                buffer.getDouble(offset + 16),
                buffer.getDouble(offset + 24),
                buffer.getDouble(offset + 32),
                buffer.getLong(offset + 40),
                buffer.getInt(offset + 48),
                Integer.toUnsignedLong(buffer.getInt(offset + 52)),
                buffer.getDouble(offset + 56));
    }

    /** Encodes every field of {@code value} at {@code offset} of {@code buffer}. */
    public static void encode(Small value, ByteBuffer buffer, int offset) {
        buffer.putLong(offset, value.id())
                .putInt(offset + 8, value.hp())
                .putInt(offset + 12, value.mana())
                .putDouble(offset + 16, value.x())
                .putDouble(offset + 24, value.y())
                .putDouble(offset + 32, value.z())
                .putLong(offset + 40, value.score())
                .putInt(offset + 48, value.level())
                .putInt(offset + 52, (int) value.flags())
                .putDouble(offset + 56, value.gold());
    }

    @Override
    public RemoteProcess process() {
        return support.process();
    }

    @Override
    public long address() {
        return support.address();
    }

    @Override
    public StructType<Small> type() {
        return TYPE;
    }

    /** The {@link StructType} of {@code struct small}. */
    private static final class Type implements StructType<Small> {
        @Override
        public Class<Small> recordType() {
            return Small.class;
        }

        @Override
        public StructLayout layout() {
            return LAYOUT;
        }

        @Override
        public Small decode(ByteBuffer buffer, int offset) {
            return SmallRemoteView.decode(buffer, offset);
        }

        @Override
        public Map<String, Object> decodeToMap(ByteBuffer buffer, int offset) {
            Small s = SmallRemoteView.decode(buffer, offset);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", s.id());
            out.put("hp", s.hp());
            out.put("mana", s.mana());
            out.put("x", s.x());
            out.put("y", s.y());
            out.put("z", s.z());
            out.put("score", s.score());
            out.put("level", s.level());
            out.put("flags", s.flags());
            out.put("gold", s.gold());
            return out;
        }

        @Override
        public void encode(Small value, ByteBuffer buffer, int offset) {
            SmallRemoteView.encode(value, buffer, offset);
        }

        @Override
        public RemoteView<Small> view(RemoteProcess process, long address) {
            return at(process, address);
        }
    }
}
