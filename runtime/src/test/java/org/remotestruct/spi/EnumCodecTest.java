package org.remotestruct.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnumCodecTest {

    enum State { IDLE, DEAD, UNKNOWN }

    private static final EnumCodec<State> STRICT = EnumCodec.of(new State[] {State.DEAD, State.IDLE},
            new long[] {7, -1}, null);
    private static final EnumCodec<State> LENIENT = EnumCodec.of(new State[] {State.IDLE, State.DEAD},
            new long[] {-1, 7}, State.UNKNOWN);

    @Test
    void decodesAndEncodesByCValueInAnyOrder() {
        assertEquals(State.IDLE, STRICT.decode(-1, "S.state"));
        assertEquals(State.DEAD, STRICT.decode(7, "S.state"));
        assertEquals(7, STRICT.encode(State.DEAD, "S.state"));
        assertEquals(-1, STRICT.encode(State.IDLE, "S.state"));
    }

    @Test
    void unknownValuesThrowNamingFieldAndValueOrDecodeToTheUnknownConstant() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> STRICT.decode(3, "S.state"));
        assertTrue(e.getMessage().contains("S.state holds 3") && e.getMessage().contains("State"), e.getMessage());
        assertEquals(State.UNKNOWN, LENIENT.decode(3, "S.state"));
        assertEquals(3L, LENIENT.constantOrRaw(3));
        assertEquals(State.DEAD, LENIENT.constantOrRaw(7));
    }

    @Test
    void constantsWithoutACValueCannotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> LENIENT.encode(State.UNKNOWN, "S.state"));
        assertThrows(IllegalArgumentException.class, () -> STRICT.encode(State.UNKNOWN, "S.state"));
        assertThrows(NullPointerException.class, () -> STRICT.encode(null, "S.state"));
    }

    @Test
    void duplicateValuesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> EnumCodec.of(new State[] {State.IDLE, State.DEAD}, new long[] {1, 1}, null));
    }
}
