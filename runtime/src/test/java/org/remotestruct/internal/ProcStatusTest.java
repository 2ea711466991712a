package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatusTest {

    private static final List<String> FIXTURE = List.of(
            "Name:\tgame-server",
            "Umask:\t0022",
            "State:\tS (sleeping)",
            "Tgid:\t31337",
            "Pid:\t31337",
            "PPid:\t1",
            "Uid:\t1000\t1000\t1000\t1000",
            "Gid:\t100\t100\t100\t100",
            "NSpid:\t31337\t12\t1",
            "CapPrm:\t0000000000000000",
            "CapEff:\t0000000000080000",
            "Seccomp:\t0");

    @Test
    void parsesIdsStateCapabilitiesAndNestedPids() {
        ProcStatus s = ProcStatus.parse(FIXTURE);
        assertEquals("game-server", s.name());
        assertEquals('S', s.state());
        assertEquals(new ProcStatus.Ids(1000, 1000, 1000, 1000), s.uids());
        assertEquals(100, s.gids().real());
        assertEquals(List.of(31337, 12, 1), s.nspid());
        assertTrue(s.hasCapSysPtrace(), "bit 19 of CapEff is CAP_SYS_PTRACE");
    }

    @Test
    void parsesTheSeccompModeAndFilterCount() {
        List<String> lines = new ArrayList<>(FIXTURE);
        lines.set(11, "Seccomp:\t2");
        lines.add("Seccomp_filters:\t3");
        ProcStatus s = ProcStatus.parse(lines);
        assertEquals(2, s.seccomp());
        assertEquals(3, s.seccompFilters());
        assertTrue(s.seccompFiltered());
        ProcStatus none = ProcStatus.parse(FIXTURE);
        assertEquals(0, none.seccomp());
        assertEquals(-1, none.seccompFilters(), "kernels before 5.9 print no Seccomp_filters: line");
        assertFalse(none.seccompFiltered());
    }

    @Test
    void noSeccompLineMeansAKernelWithoutSeccomp() {
        List<String> lines = new ArrayList<>(FIXTURE);
        lines.remove(11);
        assertEquals(-1, ProcStatus.parse(lines).seccomp());
    }

    @Test
    void aMalformedSeccompLineIsReportedWithItsLineNumber() {
        List<String> lines = new ArrayList<>(FIXTURE);
        lines.set(11, "Seccomp:\t2 2");
        assertEquals("status line 12: 'Seccomp:' has '2 2', expected one number",
                assertThrows(IllegalArgumentException.class, () -> ProcStatus.parse(lines)).getMessage());
    }

    @Test
    void missingNspidLineMeansAnOldKernelAndGivesAnEmptyList() {
        List<String> lines = new ArrayList<>(FIXTURE);
        lines.remove(8);
        assertEquals(List.of(), ProcStatus.parse(lines).nspid());
    }

    @Test
    void differingIdsAreKeptApartAndUnsignedIdsSurvive() {
        List<String> lines = new ArrayList<>(FIXTURE);
        lines.set(6, "Uid:\t1000\t0\t0\t4294967295");
        lines.set(10, "CapEff:\t000001ffffffffff");
        ProcStatus s = ProcStatus.parse(lines);
        assertEquals(new ProcStatus.Ids(1000, 0, 0, -1), s.uids());
        assertFalse(s.uids().allEqual(1000));
        assertTrue(s.hasCapSysPtrace());
    }

    @Test
    void malformedLineIsReportedWithItsLineNumber() {
        List<String> lines = new ArrayList<>(FIXTURE);
        lines.set(6, "Uid:\t1000\t1000");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcStatus.parse(lines));
        assertEquals("status line 7: 'Uid:' has '1000\t1000', expected 4 ids (real, effective, saved, fs)",
                e.getMessage());
        lines.set(6, FIXTURE.get(6));
        lines.set(10, "CapEff:\tnot-hex");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProcStatus.parse(lines)).getMessage()
                .startsWith("status line 11: 'CapEff:'"));
        lines.set(10, FIXTURE.get(10));
        lines.set(8, "NSpid:\t12 x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProcStatus.parse(lines)).getMessage()
                .startsWith("status line 9: 'NSpid:'"));
    }

    @Test
    void missingRequiredLineIsNamed() {
        List<String> lines = new ArrayList<>(FIXTURE);
        lines.remove(10);
        assertEquals("status: no 'CapEff:' line",
                assertThrows(IllegalArgumentException.class, () -> ProcStatus.parse(lines)).getMessage());
    }

    @Test
    void parsesThisJvmsOwnStatus() throws Exception {
        ProcStatus s = ProcStatus.parse(Files.readAllLines(Path.of("/proc/self/status")));
        assertEquals((int) ProcessHandle.current().pid(), (int) s.nspid().get(s.nspid().size() - 1));
    }
}
