package org.remotestruct.ipc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The uids of a peer, from the status text the kernel writes for it. */
class PeerProcTest {

    @Test
    void uidLineGivesRealEffectiveSavedAndFsUid() {
        PeerProc.Uids uids = PeerProc.parseUids(List.of("Name:\tsender", "State:\tS (sleeping)",
                "Uid:\t1000\t0\t0\t4294967295", "Gid:\t1000\t1000\t1000\t1000"));
        assertEquals(new PeerProc.Uids(1000, 0, 0, -1), uids);
        assertFalse(uids.allFourEqual(0));
        assertTrue(new PeerProc.Uids(0, 0, 0, 0).allFourEqual(0));
    }

    @Test
    void malformedUidLineIsReportedWithItsLineNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerProc.parseUids(List.of("Name:\tx", "Uid:\t0\t0\tzero\t0")));
        assertEquals("status line 2: 'Uid:' needs 4 decimal uids (real, effective, saved, fs), got 4 fields",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PeerProc.parseUids(List.of("Uid:\t0\t0")));
        assertTrue(e.getMessage().startsWith("status line 1:"), e.getMessage());
    }

    @Test
    void statusWithoutAUidLineIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerProc.parseUids(List.of("Name:\tx")));
        assertEquals("status: no 'Uid:' line", e.getMessage());
    }

    @Test
    void uidsOfThisProcessAreReadFromProc() throws Exception {
        assertEquals(0, PeerProc.statOwner((int) ProcessHandle.current().pid()));
        assertTrue(PeerProc.uids((int) ProcessHandle.current().pid()).allFourEqual(0));
    }
}
