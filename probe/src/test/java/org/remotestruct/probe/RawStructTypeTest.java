package org.remotestruct.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probe's raw elements: bytes kept as read, decoded to the same fields as the type they wrap. */
class RawStructTypeTest {

    private static final int SIZE = TunablesRemoteView.TYPE.size();
    private final RawStructType raw = new RawStructType(new DecodingType(TunablesRemoteView.TYPE));

    /** A native-order buffer with Tunables {@code i} (tick rate 10 + i) at each offset. */
    private static ByteBuffer buffer(int... offsets) {
        ByteBuffer b = ByteBuffer.allocateDirect(offsets[offsets.length - 1] + SIZE + 8).order(ByteOrder.nativeOrder());
        for (int i = 0; i < offsets.length; i++) {
            TunablesRemoteView.encode(new Tunables(10 + i, 100 * i, "motd " + i, i), b, offsets[i]);
        }
        return b;
    }

    @Test
    void anArrayIsCopiedOnceAndEachElementDecodesToItsOwnFields() {
        int[] offsets = {8, 8 + SIZE, 8 + 2 * SIZE};
        ByteBuffer b = buffer(offsets);
        RawStructType.Element[] out = new RawStructType.Element[3];
        raw.decodeAll(b, offsets, out, 3);

        for (int i = 0; i < 3; i++) {
            Map<String, Object> expected = TunablesRemoteView.TYPE.decodeToMap(b, offsets[i]);
            assertEquals(expected, raw.fields(out[i]));
            assertSame(out[0].bytes(), out[i].bytes());
            assertEquals(i * SIZE, out[i].offset());
        }
        b.putInt(offsets[1], 999); // the batch's next read overwrites its buffer: the elements keep their copy
        assertEquals(11, raw.fields(out[1]).get("tickRate"));
    }

    @Test
    void structsWithGapsBetweenThemAreCopiedEachOnItsOwn() {
        int[] offsets = {0, SIZE + 40};
        ByteBuffer b = buffer(offsets);
        RawStructType.Element[] out = new RawStructType.Element[2];
        raw.decodeAll(b, offsets, out, 2);

        assertNotSame(out[0].bytes(), out[1].bytes());
        assertEquals(SIZE, out[1].bytes().length);
        assertEquals(TunablesRemoteView.TYPE.decodeToMap(b, offsets[1]), raw.fields(out[1]));
    }

    @Test
    void oneStructDecodesToTheFieldsOfTheTypeItWraps() {
        ByteBuffer b = buffer(16);
        assertEquals(TunablesRemoteView.TYPE.decodeToMap(b, 16), raw.fields(raw.decode(b, 16)));
    }
}
