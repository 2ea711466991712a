package org.remotestruct;

/**
 * A {@link StructType} that also names its generated view class, so binding an entry returns that
 * class without a cast: {@code ConfigRemoteView config = registry.writableView("config",
 * ConfigRemoteView.TYPE)} reaches {@code config.write()} and the {@code write...} methods directly.
 *
 * <p>Every generated {@code <Record>RemoteView.TYPE} is one. Generic tools keep using
 * {@code StructType<?>} (from {@link StructType#installed()}); this only adds a sharper return type.
 *
 * @param <R> the record mirroring the C struct
 * @param <V> the generated view class
 */
public interface ViewType<R extends Record, V extends RemoteView<R>> extends StructType<R> {

    /** A view of the struct at {@code address} in {@code process}, typed as the generated view class. */
    @Override
    V view(RemoteProcess process, long address);
}
