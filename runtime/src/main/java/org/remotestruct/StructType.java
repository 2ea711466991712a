package org.remotestruct;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Everything known about one {@code @RemoteStruct} record, without compile-time knowledge of it:
 * the processor generates one per record ({@code <Record>RemoteView.TYPE}) and registers it for
 * {@link ServiceLoader}, so generic tools can decode a struct given only its name.
 *
 * @param <R> the record mirroring the C struct
 */
public interface StructType<R extends Record> {

    /** The C struct name (the registry's type name). */
    default String name() {
        return layout().name();
    }

    /** The record class. */
    Class<R> recordType();

    /** The struct's byte layout. */
    StructLayout layout();

    /** {@code sizeof} the struct. */
    default int size() {
        return layout().size();
    }

    /** The layout fingerprint. */
    default long fingerprint() {
        return layout().fingerprint();
    }

    /** Decodes the struct starting at {@code offset} of {@code buffer} (native byte order). */
    R decode(ByteBuffer buffer, int offset);

    /**
     * Decodes {@code count} structs into {@code out[0..count)}, the i-th from {@code offsets[i]} of
     * {@code buffer}: {@link #decode} for each, in one call. Generated types override it with a
     * loop over their own decoder, so many structs cost no dispatch per struct
     * ({@link ReadBatch#addAll} decodes through here).
     *
     * @throws IndexOutOfBoundsException if {@code offsets} or {@code out} hold fewer than
     *     {@code count} elements, or an offset is outside {@code buffer}
     */
    default void decodeAll(ByteBuffer buffer, int[] offsets, R[] out, int count) {
        for (int i = 0; i < count; i++) {
            out[i] = decode(buffer, offsets[i]);
        }
    }

    /**
     * Decodes to field name → value in declaration order: numbers and booleans boxed, CHAR as
     * {@code String} or {@code byte[]}, primitive arrays as Java arrays, nested structs as maps and
     * arrays of structs as lists of maps.
     */
    Map<String, Object> decodeToMap(ByteBuffer buffer, int offset);

    /** Encodes every field of {@code value} at {@code offset} of {@code buffer}; padding is untouched. */
    void encode(R value, ByteBuffer buffer, int offset);

    /** A view of the struct at {@code address} in {@code process}. */
    RemoteView<R> view(RemoteProcess process, long address);

    /**
     * The C value a generated view's writer stores for enum constant {@code constant} in field
     * {@code field}: how {@link StructView#writeField} writes enum constants. Generated types
     * override this for their enum fields.
     *
     * @throws IllegalArgumentException if {@code field} is not an enum field of this type taking
     *     {@code constant}'s enum, or {@code constant} is the unknown constant (it has no C value)
     */
    default long enumValue(String field, Enum<?> constant) {
        throw new IllegalArgumentException("field " + field + " of struct " + name() + " takes no "
                + constant.getDeclaringClass().getSimpleName() + " constant (" + constant
                + "); write the C value as a number, or a constant of the field's enum; nothing was written");
    }

    /**
     * The type of the struct that typed pointer field {@code field} points to: how
     * {@link RemoteGraph} follows pointers without reflection. Generated types return the pointee
     * view's {@code TYPE}; this default looks the pointee's C name ({@link FieldLayout#pointee()})
     * up among the {@link #installed()} types, for layouts built by hand.
     *
     * @throws IllegalArgumentException if {@code field} is not a typed pointer of this struct, or no
     *     installed type has the pointee's name
     */
    default StructType<?> pointee(String field) {
        String pointee = layout().field(field).pointee();
        if (pointee == null) {
            throw new IllegalArgumentException("field " + field + " of struct " + name()
                    + " is not a typed pointer; declare it @Field(type = CType.POINTER, to = <record>.class)");
        }
        return named(pointee).orElseThrow(() -> new IllegalArgumentException("field " + field + " of struct "
                + name() + " points to struct " + pointee + ", but no installed StructType has that name; put its"
                + " generated view on the class path"));
    }

    /** Every struct type on the class path (or module path) of {@code loader}. */
    static List<StructType<?>> installed(ClassLoader loader) {
        List<StructType<?>> out = new ArrayList<>();
        for (StructType<?> t : ServiceLoader.load(StructType.class, loader)) {
            out.add(t);
        }
        return out;
    }

    /** Every struct type visible to the context class loader. */
    static List<StructType<?>> installed() {
        return installed(Thread.currentThread().getContextClassLoader());
    }

    /** The installed struct type whose C name is {@code name}, if any. */
    static Optional<StructType<?>> named(String name) {
        return installed().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
