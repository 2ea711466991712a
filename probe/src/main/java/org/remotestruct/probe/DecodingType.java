package org.remotestruct.probe;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemoteProcess;
import org.remotestruct.RemoteView;
import org.remotestruct.StructLayout;
import org.remotestruct.StructType;
import org.remotestruct.StructView;
import org.remotestruct.registry.RegistryEntry;

/**
 * Any known {@link StructType} seen as a type of {@link Decoded} maps, so the runtime's
 * binding checks, {@code ReadBatch} and views work for structs the probe has no code for.
 */
final class DecodingType implements StructType<Decoded> {

    private final StructType<?> delegate;

    DecodingType(StructType<?> delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The known type of {@code entry} (see {@link TypeCatalog#forEntry}), from {@code types}. */
    static Optional<DecodingType> find(TypeCatalog types, RegistryEntry entry) {
        return types.forEntry(entry).map(DecodingType::new);
    }

    @Override
    public Class<Decoded> recordType() {
        return Decoded.class;
    }

    @Override
    public StructLayout layout() {
        return delegate.layout();
    }

    @Override
    public Decoded decode(ByteBuffer buffer, int offset) {
        return new Decoded(delegate.decodeToMap(buffer, offset));
    }

    @Override
    public Map<String, Object> decodeToMap(ByteBuffer buffer, int offset) {
        return delegate.decodeToMap(buffer, offset);
    }

    /** Encodes the scalar and string fields present in {@code value}; other bytes are untouched. */
    @Override
    public void encode(Decoded value, ByteBuffer buffer, int offset) {
        ByteBuffer struct = buffer.slice(offset, size());
        for (Map.Entry<String, Object> e : value.fields().entrySet()) {
            StructView.encode(delegate, e.getKey(), e.getValue(), struct);
        }
    }

    /** The installed type this one decodes through. */
    StructType<?> delegate() {
        return delegate;
    }

    @Override
    public RemoteView<Decoded> view(RemoteProcess process, long address) {
        return StructView.of(this, process, address);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
