package org.remotestruct.registry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemoteProcess;
import org.remotestruct.RemoteView;
import org.remotestruct.StructLayout;
import org.remotestruct.StructType;
import org.remotestruct.ViewType;
import org.remotestruct.annotations.CType;

/**
 * Hand-written stand-ins for processor output: the World and Player structs of registry_target.c,
 * with layouts built by hand so their fingerprints are computed independently of any generator.
 */
final class TestStructs {

    record World(int tick, int players, double temperature, String name) {
    }

    record Player(int id, int hp, float x, float y) {
    }

    static final StructLayout WORLD_LAYOUT = StructLayout.of("World", 32, List.of(
            field("tick", 0, CType.INT32, 1), field("players", 4, CType.INT32, 1),
            field("temperature", 8, CType.DOUBLE, 1), field("name", 16, CType.CHAR, 16)));

    static final StructLayout PLAYER_LAYOUT = StructLayout.of("Player", 16, List.of(
            field("id", 0, CType.INT32, 1), field("hp", 4, CType.INT32, 1),
            field("x", 8, CType.FLOAT, 1), field("y", 12, CType.FLOAT, 1)));

    /** Same name and size as World, but tick and players swapped: a different layout. */
    static final StructLayout SWAPPED_WORLD_LAYOUT = StructLayout.of("World", 32, List.of(
            field("tick", 4, CType.INT32, 1), field("players", 0, CType.INT32, 1),
            field("temperature", 8, CType.DOUBLE, 1), field("name", 16, CType.CHAR, 16)));

    static final StructType<World> WORLD = new SimpleType<>(World.class, WORLD_LAYOUT,
            (b, o) -> new World(b.getInt(o), b.getInt(o + 4), b.getDouble(o + 8), cString(b, o + 16, 16)),
            (w, b) -> b.putInt(0, w.tick()).putInt(4, w.players()).putDouble(8, w.temperature()));

    static final StructType<World> SWAPPED_WORLD = new SimpleType<>(World.class, SWAPPED_WORLD_LAYOUT,
            (b, o) -> new World(b.getInt(o + 4), b.getInt(o), b.getDouble(o + 8), cString(b, o + 16, 16)),
            (w, b) -> b.putInt(4, w.tick()).putInt(0, w.players()).putDouble(8, w.temperature()));

    static final StructType<Player> PLAYER = new SimpleType<>(Player.class, PLAYER_LAYOUT,
            (b, o) -> new Player(b.getInt(o), b.getInt(o + 4), b.getFloat(o + 8), b.getFloat(o + 12)),
            (p, b) -> b.putInt(0, p.id()).putInt(4, p.hp()).putFloat(8, p.x()).putFloat(12, p.y()));

    private TestStructs() {
    }

    private static FieldLayout field(String name, int offset, CType type, int length) {
        return new FieldLayout(name, offset, type, length, type.size(), true,
                type == CType.CHAR ? "US-ASCII" : null, null);
    }

    static String cString(ByteBuffer b, int offset, int max) {
        int n = 0;
        while (n < max && b.get(offset + n) != 0) {
            n++;
        }
        byte[] bytes = new byte[n];
        b.get(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** A StructType from a layout and two lambdas; views read the whole struct with readBytes. */
    static final class SimpleType<R extends Record> implements StructType<R> {
        private final Class<R> recordType;
        private final StructLayout layout;
        private final BiFunction<ByteBuffer, Integer, R> decoder;
        private final BiConsumer<R, ByteBuffer> encoder;

        SimpleType(Class<R> recordType, StructLayout layout, BiFunction<ByteBuffer, Integer, R> decoder,
                BiConsumer<R, ByteBuffer> encoder) {
            this.recordType = recordType;
            this.layout = layout;
            this.decoder = decoder;
            this.encoder = encoder;
        }

        @Override
        public Class<R> recordType() {
            return recordType;
        }

        @Override
        public StructLayout layout() {
            return layout;
        }

        @Override
        public R decode(ByteBuffer buffer, int offset) {
            return decoder.apply(buffer, offset);
        }

        @Override
        public Map<String, Object> decodeToMap(ByteBuffer buffer, int offset) {
            Map<String, Object> out = new LinkedHashMap<>();
            R value = decode(buffer, offset);
            for (var c : recordType.getRecordComponents()) {
                try {
                    out.put(c.getName(), c.getAccessor().invoke(value));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return out;
        }

        @Override
        public void encode(R value, ByteBuffer buffer, int offset) {
            encoder.accept(value, buffer.slice(offset, layout.size()).order(buffer.order()));
        }

        @Override
        public RemoteView<R> view(RemoteProcess process, long address) {
            StructType<R> self = this;
            return new RemoteView<>() {
                @Override
                public R read() {
                    return decode(ByteBuffer.wrap(process.readBytes(address, layout.size()))
                            .order(ByteOrder.nativeOrder()), 0);
                }

                @Override
                public RemoteProcess process() {
                    return process;
                }

                @Override
                public long address() {
                    return address;
                }

                @Override
                public StructType<R> type() {
                    return self;
                }
            };
        }
    }

    /** A view class of its own, as generated views are: what a bind with a {@link ViewType} returns. */
    static final class WorldView implements RemoteView<World> {
        private final RemoteView<World> inner;
        private final ViewType<World, WorldView> type;

        WorldView(RemoteView<World> inner, ViewType<World, WorldView> type) {
            this.inner = inner;
            this.type = type;
        }

        /** A member only the view class has, like a generated {@code readTick()}. */
        int readTick() {
            return inner.read().tick();
        }

        @Override
        public World read() {
            return inner.read();
        }

        @Override
        public RemoteProcess process() {
            return inner.process();
        }

        @Override
        public long address() {
            return inner.address();
        }

        @Override
        public ViewType<World, WorldView> type() {
            return type;
        }
    }

    /** {@link #WORLD} or {@link #SWAPPED_WORLD} as a {@link ViewType}, the way generated {@code TYPE}s are. */
    static final class WorldViewType implements ViewType<World, WorldView> {
        private final StructType<World> base;

        WorldViewType(StructType<World> base) {
            this.base = base;
        }

        @Override
        public Class<World> recordType() {
            return base.recordType();
        }

        @Override
        public StructLayout layout() {
            return base.layout();
        }

        @Override
        public World decode(ByteBuffer buffer, int offset) {
            return base.decode(buffer, offset);
        }

        @Override
        public Map<String, Object> decodeToMap(ByteBuffer buffer, int offset) {
            return base.decodeToMap(buffer, offset);
        }

        @Override
        public void encode(World value, ByteBuffer buffer, int offset) {
            base.encode(value, buffer, offset);
        }

        @Override
        public WorldView view(RemoteProcess process, long address) {
            return new WorldView(base.view(process, address), this);
        }
    }

    static final ViewType<World, WorldView> TYPED_WORLD = new WorldViewType(WORLD);

    static final ViewType<World, WorldView> TYPED_SWAPPED_WORLD = new WorldViewType(SWAPPED_WORLD);
}
