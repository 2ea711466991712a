package org.remotestruct.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The fallback identity check compares start times with /proc/uptime, read in clock ticks. */
class PeerAdmissionTest {

    @Test
    void uptimeIsReadInHundredthsOfASecond() {
        assertEquals(1234567, PeerAdmission.parseUptimeTicks("12345.67 98765.43\n"));
        assertEquals(1234560, PeerAdmission.parseUptimeTicks("12345.6 1.0"));
        assertEquals(1234500, PeerAdmission.parseUptimeTicks("12345"));
    }
}
