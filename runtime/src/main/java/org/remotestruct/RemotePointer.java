package org.remotestruct;

import java.util.Objects;

/**
 * A pointer in another process to a struct of a known type: the value a
 * {@code @Field(type = CType.POINTER, to = Node.class)} component holds. Immutable; two pointers are
 * equal when they hold the same address and point to the same C struct type.
 *
 * <p>Holding a pointer reads nothing. {@link #read(RemoteProcess)} dereferences it with one
 * {@code process_vm_readv}; {@link RemoteGraph} reads many at once, one syscall per level, and
 * {@link RemoteGraph#get(RemotePointer)} then dereferences without any.
 *
 * @param <R> the record mirroring the pointee struct
 */
public final class RemotePointer<R extends Record> {

    private final long address;
    private final StructType<R> type;

    private RemotePointer(long address, StructType<R> type) {
        this.address = address;
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The pointer holding {@code address} (0 for NULL) to a struct of {@code type}. */
    public static <R extends Record> RemotePointer<R> of(long address, StructType<R> type) {
        return new RemotePointer<>(address, type);
    }

    /** The NULL pointer to a struct of {@code type}. */
    public static <R extends Record> RemotePointer<R> nullOf(StructType<R> type) {
        return new RemotePointer<>(0, type);
    }

    /** The address held, in the target's address space; 0 for NULL. */
    public long address() {
        return address;
    }

    /** Whether the pointer is NULL. */
    public boolean isNull() {
        return address == 0;
    }

    /** The type of the struct pointed to. */
    public StructType<R> type() {
        return type;
    }

    /**
     * A view of the struct pointed to in {@code process}; reads nothing yet.
     *
     * @throws NullPointerException if the pointer is NULL, naming the pointee type
     */
    public RemoteView<R> view(RemoteProcess process) {
        requireNonNull();
        return type.view(process, address);
    }

    /**
     * A view of the struct pointed to, typed as its generated view class:
     * {@code pointer.view(process, NodeRemoteView.TYPE).readHp()}; reads nothing yet.
     *
     * @throws NullPointerException if the pointer is NULL
     * @throws IllegalArgumentException if {@code viewType} is not the type this pointer points to
     */
    public <V extends RemoteView<R>> V view(RemoteProcess process, ViewType<R, V> viewType) {
        requireNonNull();
        if (!viewType.name().equals(type.name())) {
            throw new IllegalArgumentException(this + " points to struct " + type.name() + ", not " + viewType.name());
        }
        return viewType.view(process, address);
    }

    /**
     * Reads the struct pointed to with one {@code process_vm_readv} and decodes it.
     *
     * @throws NullPointerException if the pointer is NULL (nothing is read)
     * @throws RemoteAccessException if the pointer dangles or the read fails otherwise, naming the
     *     struct and its address
     */
    public R read(RemoteProcess process) {
        return view(process).read();
    }

    private void requireNonNull() {
        if (isNull()) {
            throw new NullPointerException("NULL pointer to struct " + type.name() + ": nothing to read; check "
                    + "isNull() first");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemotePointer<?> p && p.address == address && p.type.name().equals(type.name());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(address) * 31 + type.name().hashCode();
    }

    /** {@code node*0x7f00a0} or {@code node*NULL}. */
    @Override
    public String toString() {
        return type.name() + "*" + (isNull() ? "NULL" : "0x" + Long.toHexString(address));
    }
}
