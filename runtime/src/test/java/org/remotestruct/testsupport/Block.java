package org.remotestruct.testsupport;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.remotestruct.RemoteProcess;
import org.remotestruct.RemoteView;
import org.remotestruct.StructLayout;
import org.remotestruct.StructType;
import org.remotestruct.StructView;

/**
 * {@code struct block} of {@code seq_writer.c}: its sequence and its first and last words, enough to
 * check the writer's invariant on a decoded value.
 *
 * @param seq the sequence field
 * @param first {@code words[0]}
 * @param last {@code words[126]}
 */
public record Block(long seq, long first, long last) {

    /** Whether the writer's invariant holds: every word is seq / 2. */
    public boolean consistent() {
        return (seq & 1) == 0 && first == seq >>> 1 && last == seq >>> 1;
    }

    /** A hand-written type of {@link Block} on {@link SeqWriter#LAYOUT}, shaped like the processor's output. */
    public static final class Type implements StructType<Block> {

        /** The one instance. */
        public static final Type TYPE = new Type();

        @Override
        public Class<Block> recordType() {
            return Block.class;
        }

        @Override
        public StructLayout layout() {
            return SeqWriter.LAYOUT;
        }

        @Override
        public Block decode(ByteBuffer b, int o) {
            if (!SeqWriter.consistent(b.slice(o, 1024).order(b.order()))) {
                throw new AssertionError("torn snapshot decoded: seq " + b.getLong(o));
            }
            return new Block(b.getLong(o), b.getLong(o + 8), b.getLong(o + 8 + 8 * 126));
        }

        @Override
        public Map<String, Object> decodeToMap(ByteBuffer buffer, int offset) {
            Block v = decode(buffer, offset);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", v.seq());
            m.put("first", v.first());
            return m;
        }

        @Override
        public void encode(Block value, ByteBuffer buffer, int offset) {
            throw new UnsupportedOperationException("blocks are only read");
        }

        @Override
        public RemoteView<Block> view(RemoteProcess process, long address) {
            return StructView.of(this, process, address);
        }
    }
}
