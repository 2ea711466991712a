package org.remotestruct.spi;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.remotestruct.RemotePointer;
import org.remotestruct.RemoteString;
import org.remotestruct.StructType;

/**
 * Reads and writes typed pointers ({@code @Field(type = CType.POINTER, to = …)}) in a buffer, for
 * generated code only: a pointer is its 8-byte address, tagged on reading with the pointee's
 * {@link StructType} (the pointee view's {@code TYPE}).
 */
public final class PointerCodecs {

    private PointerCodecs() {
    }

    /** The pointer at {@code offset} to a struct of {@code type}. */
    public static <R extends Record> RemotePointer<R> get(ByteBuffer buffer, int offset, StructType<R> type) {
        return RemotePointer.of(buffer.getLong(offset), type);
    }

    /** The pointer at {@code offset} of {@code bytes} to a struct of {@code type}. */
    public static <R extends Record> RemotePointer<R> get(byte[] bytes, int offset, StructType<R> type) {
        return RemotePointer.of(Codecs.getLong(bytes, offset), type);
    }

    /**
     * Stores {@code value}'s address at {@code offset}.
     *
     * @throws IllegalArgumentException naming {@code field} if {@code value} is null (use
     *     {@link RemotePointer#nullOf} for NULL)
     */
    public static void put(ByteBuffer buffer, int offset, RemotePointer<?> value, String field) {
        buffer.putLong(offset, Codecs.nonNull(value, field).address());
    }

    /** The {@code char *} at {@code offset}, read up to {@code maxLength} bytes with {@code charset}. */
    public static RemoteString getString(ByteBuffer buffer, int offset, int maxLength, Charset charset) {
        return RemoteString.of(buffer.getLong(offset), maxLength, charset);
    }

    /** The {@code char *} at {@code offset} of {@code bytes}, to be read up to {@code maxLength} bytes. */
    public static RemoteString getString(byte[] bytes, int offset, int maxLength, Charset charset) {
        return RemoteString.of(Codecs.getLong(bytes, offset), maxLength, charset);
    }

    /**
     * Stores {@code value}'s address at {@code offset}.
     *
     * @throws IllegalArgumentException naming {@code field} if {@code value} is null
     */
    public static void putString(ByteBuffer buffer, int offset, RemoteString value, String field) {
        buffer.putLong(offset, Codecs.nonNull(value, field).address());
    }

    /** The {@code count} consecutive pointers at {@code offset}, as an unmodifiable list. */
    public static <R extends Record> List<RemotePointer<R>> getList(ByteBuffer buffer, int offset, int count,
            StructType<R> type) {
        return ArrayCodecs.getList(buffer, offset, count, Long.BYTES, (b, at) -> get(b, at, type));
    }

    /** The {@code count} consecutive pointers at {@code offset} of {@code bytes}, as an unmodifiable list. */
    public static <R extends Record> List<RemotePointer<R>> getList(byte[] bytes, int offset, int count,
            StructType<R> type) {
        return ArrayCodecs.getList(bytes, offset, count, Long.BYTES, (b, at) -> get(b, at, type));
    }

    /**
     * Stores exactly {@code count} pointers consecutively.
     *
     * @throws IllegalArgumentException naming {@code field} if the list is null, has another size
     *     or holds null
     */
    public static void putList(ByteBuffer buffer, int offset, int count, List<? extends RemotePointer<?>> value,
            String field) {
        ArrayCodecs.putList(buffer, offset, count, Long.BYTES, value, (v, b, at) -> b.putLong(at, v.address()), field);
    }
}
