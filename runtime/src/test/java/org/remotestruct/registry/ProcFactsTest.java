package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcFactsTest {

    // A comm with spaces and parentheses, as a process can name itself.
    static final String STAT = "4242 (my (odd) server) S 1 4242 4242 0 -1 4194560 1000 0 0 0 12 3 0 0 20 0 4 0"
            + " 987654 123456789 300 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n";

    static final List<String> STATUS = List.of("Name:\tserver", "State:\tS (sleeping)", "Pid:\t4242",
            "Uid:\t1000\t1001\t1002\t1003", "Gid:\t1000\t1000\t1000\t1000", "CapEff:\t0000000000000000", "CapPrm:\t0000000000000000",
            "NSpid:\t4242\t7");

    @Test
    void takesStartTimeUidsAndNamespacePidsFromStatAndStatus() {
        ProcFacts f = ProcFacts.parse(4242, STAT, STATUS).orElseThrow();
        assertEquals(987654L, f.startTime());
        assertEquals(List.of(1000, 1001, 1002, 1003), f.uids());
        assertEquals(List.of(4242, 7), f.nsPids());
    }

    @Test
    void aZombieCountsAsGone() {
        assertTrue(ProcFacts.parse(4242, STAT.replace(") S ", ") Z "), STATUS).isEmpty());
    }

    @Test
    void readsThisJvmsOwnStartTime() throws Exception {
        long self = ProcFacts.selfStartTime();
        ProcFacts facts = ProcFacts.read((int) ProcessHandle.current().pid()).orElseThrow();
        assertEquals(self, facts.startTime());
        assertEquals(List.of((int) ProcessHandle.current().pid()), facts.nsPids());
    }

    @Test
    void parsesThePidNamespaceInodeFromItsProcLink() {
        assertEquals(4026531836L, ProcFacts.parsePidNamespace("pid:[4026531836]"));
        for (String bad : List.of("net:[4026531836]", "pid:[]", "pid:[x]", "pid:4026531836")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ProcFacts.parsePidNamespace(bad));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void thisJvmsPidNamespaceIsTheInodeOfItsNsLink() throws Exception {
        long ino = ((Number) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self/ns/pid"), "unix:ino"))
                .longValue();
        assertEquals(ino, ProcFacts.selfPidNamespace());
    }

    @Test
    void aPidThatDoesNotExistHasNoFacts() throws Exception {
        assertTrue(ProcFacts.read(Integer.MAX_VALUE).isEmpty());
    }
}
