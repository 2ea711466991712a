package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.remotestruct.internal.ProcStatus;
import org.remotestruct.registry.StaleRegistryException.Check;

class TargetIdentityTest {

    /** A root process's facts, as /proc would give them. */
    private static ProcFacts facts(int pid, long startTime, List<Integer> nsPids) {
        ProcStatus.Ids root = new ProcStatus.Ids(0, 0, 0, 0);
        return new ProcFacts(pid, startTime, new ProcStatus("t", 'S', root, root, 0, 0, nsPids));
    }


    static final String BOOT = "1fb39080-d598-496e-ab6b-1881a8d9fd81";
    static final Path FILE = Path.of("/run/remotestruct/game.registry");
    static final RegistryFile REGISTRY = new RegistryFile(4242, 987654, BOOT, "game", List.of());

    static final TargetPid SAME = new TargetPid(4242, 0, 4242, false);

    private static ProcFacts facts(long startTime, List<Integer> nsPids) {
        return facts(4242, startTime, nsPids);
    }

    private static void assertStale(Check check, String messagePart, String boot, Optional<ProcFacts> facts) {
        StaleRegistryException e = assertThrows(StaleRegistryException.class,
                () -> TargetIdentity.verify(FILE, REGISTRY, boot, SAME, facts));
        assertEquals(check, e.check());
        assertTrue(e.getMessage().contains(FILE.toString()) && e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void acceptsTheSameProcessInTheSameBootAndNamespace() {
        TargetIdentity.verify(FILE, REGISTRY, BOOT, SAME, Optional.of(facts(987654, List.of(4242))));
    }

    @Test
    void acceptsAKernelWithoutNsPid() {
        TargetIdentity.verify(FILE, REGISTRY, BOOT, SAME, Optional.of(facts(987654, List.of())));
    }

    @Test
    void refusesARegistryFromAnEarlierBoot() {
        assertStale(Check.BOOT_ID, "rebooted", "00000000-0000-0000-0000-000000000000",
                Optional.of(facts(987654, List.of(4242))));
    }

    @Test
    void refusesARegistryWhoseProcessIsGone() {
        assertStale(Check.PROCESS_GONE, "process 4242 (game) no longer exists", BOOT, Optional.empty());
    }

    @Test
    void refusesAReusedPid() {
        assertStale(Check.START_TIME, "pid 4242 now started at 999999", BOOT,
                Optional.of(facts(999999, List.of(4242))));
    }

    @Test
    void refusesAProcessInANestedPidNamespace() {
        assertStale(Check.PID_NAMESPACE, "NSpid [4242, 7]", BOOT, Optional.of(facts(987654, List.of(4242, 7))));
    }

    // --- a registry written in a nested pid namespace, resolved to pid 12345 here ---

    static final RegistryFile INNER = new RegistryFile(1, 987654, BOOT, 4026532448L, "game", List.of());
    static final TargetPid RESOLVED = new TargetPid(1, 4026532448L, 12345, true);

    @Test
    void acceptsAResolvedTargetWhoseNsPidRunsFromThePidHereToThePidItWrote() {
        TargetIdentity.verify(FILE, INNER, BOOT, RESOLVED,
                Optional.of(facts(12345, 987654, List.of(12345, 1))));
    }

    @Test
    void refusesAResolvedTargetThatRestartedNamingBothPids() {
        StaleRegistryException e = assertThrows(StaleRegistryException.class, () -> TargetIdentity.verify(FILE,
                INNER, BOOT, RESOLVED, Optional.of(facts(12345, 5, List.of(12345, 1)))));
        assertEquals(Check.START_TIME, e.check());
        assertTrue(e.getMessage().contains("process 1 (game) (pid 1 in pid namespace 4026532448 = pid 12345 here)"
                + " was written with start time 987654 but pid 12345 now started at 5"), e.getMessage());
    }

    @Test
    void refusesARegistryFromAnEarlierBootBeforeResolvingItsPid() {
        assertEquals(Check.BOOT_ID, assertThrows(StaleRegistryException.class, () -> TargetIdentity.requireSameBoot(
                FILE, INNER, "00000000-0000-0000-0000-000000000000")).check());
    }
}
