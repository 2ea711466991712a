package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.remotestruct.registry.StaleRegistryException.Check;

class TargetIdentityTest {

    static final String BOOT = "1fb39080-d598-496e-ab6b-1881a8d9fd81";
    static final Path FILE = Path.of("/run/remotestruct/game.registry");
    static final RegistryFile REGISTRY = new RegistryFile(4242, 987654, BOOT, "game", List.of());

    private static ProcFacts facts(long startTime, List<Integer> nsPids) {
        return new ProcFacts(4242, startTime, List.of(0, 0, 0, 0), nsPids);
    }

    private static void assertStale(Check check, String messagePart, String boot, Optional<ProcFacts> facts) {
        StaleRegistryException e = assertThrows(StaleRegistryException.class,
                () -> TargetIdentity.verify(FILE, REGISTRY, boot, facts));
        assertEquals(check, e.check());
        assertTrue(e.getMessage().contains(FILE.toString()) && e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void acceptsTheSameProcessInTheSameBootAndNamespace() {
        TargetIdentity.verify(FILE, REGISTRY, BOOT, Optional.of(facts(987654, List.of(4242))));
    }

    @Test
    void acceptsAKernelWithoutNsPid() {
        TargetIdentity.verify(FILE, REGISTRY, BOOT, Optional.of(facts(987654, List.of())));
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
}
