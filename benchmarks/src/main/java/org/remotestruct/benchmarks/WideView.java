package org.remotestruct.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;
import org.remotestruct.annotations.CType;
import org.remotestruct.spi.ArrayCodecs;
import org.remotestruct.spi.Codecs;
import org.remotestruct.spi.ViewSupport;

/**
 * A view of {@code struct wide} written by hand in the shape the processor generates: a layout
 * constant, {@code read()} as {@code decode(support.readStruct(), 0)}, a pure static
 * {@code decode}. It leaves out the {@code StructType} and writers, which no benchmark needs.
 */
public final class WideView {

    /** {@code sizeof(struct wide)}. */
    public static final int SIZE = 256;

    /** The layout: 16 fields, contiguous, so {@link StructLayout#spans()} is one 256-byte span. */
    public static final StructLayout LAYOUT = StructLayout.of("wide", SIZE, List.of(
            field("id", 0, CType.INT64, 1),
            field("hp", 8, CType.INT32, 1),
            field("mana", 12, CType.INT32, 1),
            field("x", 16, CType.DOUBLE, 1),
            field("y", 24, CType.DOUBLE, 1),
            field("z", 32, CType.DOUBLE, 1),
            field("score", 40, CType.INT64, 1),
            field("flags", 48, CType.UINT32, 1),
            field("level", 52, CType.INT32, 1),
            field("lastSeen", 56, CType.INT64, 1),
            field("kills", 64, CType.INT64, 8),
            field("cooldowns", 128, CType.DOUBLE, 8),
            new FieldLayout("name", 192, CType.CHAR, 40, 1, false, "US-ASCII", null),
            field("guild", 232, CType.INT64, 1),
            field("gold", 240, CType.DOUBLE, 1),
            field("xp", 248, CType.INT64, 1)));

    private final ViewSupport support;

    /** The view of the {@code struct wide} at {@code address} in {@code process}; reads nothing yet. */
    public WideView(RemoteProcess process, long address) {
        this.support = new ViewSupport(process, address, LAYOUT);
    }

    private static FieldLayout field(String name, int offset, CType type, int length) {
        return new FieldLayout(name, offset, type, length, type.size(), false, null, null);
    }

    /** Reads the whole struct with one {@code process_vm_readv} and decodes it. */
    public Wide read() {
        return decode(support.readStruct(), 0);
    }

    /** The support behind this view, for benchmarks that drive its raw reads. */
    public ViewSupport support() {
        return support;
    }

    /** Decodes the struct at {@code offset} of {@code buffer} (native byte order); pure, absolute gets only. */
    public static Wide decode(ByteBuffer buffer, int offset) {
        return new Wide(
                buffer.getLong(offset),
                buffer.getInt(offset + 8),
                buffer.getInt(offset + 12),
                buffer.getDouble(offset + 16),
                buffer.getDouble(offset + 24),
                buffer.getDouble(offset + 32),
                buffer.getLong(offset + 40),
                Integer.toUnsignedLong(buffer.getInt(offset + 48)),
                buffer.getInt(offset + 52),
                buffer.getLong(offset + 56),
                ArrayCodecs.getLongs(buffer, offset + 64, 8),
                ArrayCodecs.getDoubles(buffer, offset + 128, 8),
                Codecs.getString(buffer, offset + 192, 40, StandardCharsets.US_ASCII),
                buffer.getLong(offset + 232),
                buffer.getDouble(offset + 240),
                buffer.getLong(offset + 248));
    }
}
