package org.remotestruct.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RoundClockTest {

    @Test
    void roundsStartOnAFixedGridWhateverEachRoundTakes() {
        RoundClock clock = new RoundClock(1_000, 100);
        assertEquals(0, clock.advance(1_030)); // a round of 30 ns
        assertEquals(70, clock.delay(1_030), "starts 100 after the previous start, not 100 after its end");
        assertEquals(0, clock.advance(1_190)); // a round of 90 ns
        assertEquals(10, clock.delay(1_190));
    }

    @Test
    void aRoundThatOverrunsItsSlotIsFollowedAtOnceAndBackOnTheGrid() {
        RoundClock clock = new RoundClock(0, 100);
        assertEquals(0, clock.advance(150), "slot 100 has begun but not passed: nothing skipped");
        assertEquals(0, clock.delay(150));
        assertEquals(0, clock.advance(160));
        assertEquals(40, clock.delay(160), "the round after is on the grid again (200)");
    }

    @Test
    void slotsALongRoundPassedEntirelyAreSkippedAndCountedNotRunBackToBack() {
        RoundClock clock = new RoundClock(0, 100);
        assertEquals(3, clock.advance(450), "slots 100, 200 and 300 passed; 400 runs at once");
        assertEquals(0, clock.delay(450));
        assertEquals(0, clock.advance(460));
        assertEquals(40, clock.delay(460));
    }

    @Test
    void aPeriodBelowOneNanosecondIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RoundClock(0, 0));
    }
}
