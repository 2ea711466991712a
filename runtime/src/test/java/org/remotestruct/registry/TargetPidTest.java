package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotestruct.registry.StaleRegistryException.Check;
import org.remotestruct.registry.TargetPid.NsProcess;

/** Resolving a registry's pid into the reader's pid namespace, from fixed facts about /proc. */
class TargetPidTest {

    static final String BOOT = "1fb39080-d598-496e-ab6b-1881a8d9fd81";
    static final Path FILE = Path.of("/run/remotestruct/game.registry");
    static final long HOST = 4026531836L;
    static final long CONTAINER = 4026532448L;
    static final long OTHER = 4026532999L;
    static final RegistryFile INNER = new RegistryFile(1, 987654, BOOT, CONTAINER, "game", List.of());

    /** Host init, a container with init 12345 and a child, and a second container: all have a pid 1. */
    static final List<NsProcess> MACHINE = List.of(
            new NsProcess(1, HOST, List.of(1)),
            new NsProcess(12345, CONTAINER, List.of(12345, 1)),
            new NsProcess(12350, CONTAINER, List.of(12350, 7)),
            new NsProcess(20000, OTHER, List.of(20000, 1)));

    private static StaleRegistryException refused(RegistryFile r, long reader, boolean nested, List<NsProcess> ps) {
        return assertThrows(StaleRegistryException.class, () -> TargetPid.resolve(FILE, r, reader, nested, ps));
    }

    @Test
    void findsTheProcessWhoseNamespaceAndInnermostPidMatchTheRegistry() {
        TargetPid t = TargetPid.resolve(FILE, INNER, HOST, false, MACHINE);
        assertEquals(new TargetPid(1, CONTAINER, 12345, true), t);
        assertEquals("process 1 (game) (pid 1 in pid namespace 4026532448 = pid 12345 here)", t.describe(INNER));
    }

    @Test
    void findsAProcessThatIsNotItsNamespacesInit() {
        RegistryFile r = new RegistryFile(7, 987654, BOOT, CONTAINER, null, List.of());
        assertEquals(12350, TargetPid.resolve(FILE, r, HOST, false, MACHINE).here());
    }

    @Test
    void takesThePidAsWrittenInTheReadersOwnNamespace() {
        RegistryFile r = new RegistryFile(4242, 987654, BOOT, HOST, "game", List.of());
        TargetPid t = TargetPid.resolve(FILE, r, HOST, false, List.of());
        assertEquals(new TargetPid(4242, HOST, 4242, false), t);
        assertEquals("process 4242 (game)", t.describe(r));
    }

    @Test
    void takesThePidAsWrittenWithoutAPidnsKeyOrWhenTheReaderCannotTellItsOwnNamespace() {
        RegistryFile old = new RegistryFile(1, 987654, BOOT, "game", List.of());
        assertEquals(1, TargetPid.resolve(FILE, old, HOST, false, MACHINE).here());
        assertEquals(1, TargetPid.resolve(FILE, INNER, 0, false, MACHINE).here());
    }

    @Test
    void reportsTheProcessGoneWhenItsNamespaceStillRunsButHasNoSuchPid() {
        RegistryFile r = new RegistryFile(9, 987654, BOOT, CONTAINER, "game", List.of());
        StaleRegistryException e = refused(r, HOST, false, MACHINE);
        assertEquals(Check.PROCESS_GONE, e.check());
        assertTrue(e.getMessage().contains("process 9 (game) of pid namespace 4026532448 no longer exists: none of"
                + " the 2 processes in that namespace has pid 9 there"), e.getMessage());
    }

    @Test
    void reportsTheProcessGoneWhenAReaderThatSeesEverythingFindsNoProcessInItsNamespace() {
        StaleRegistryException e = refused(INNER, HOST, false, List.of(MACHINE.get(0), MACHINE.get(3)));
        assertEquals(Check.PROCESS_GONE, e.check());
        assertTrue(e.getMessage().contains("pid namespace 4026532448 no longer exists: no process runs in that"
                + " namespace any more"), e.getMessage());
    }

    @Test
    void reportsAForeignNamespaceWhenANestedReaderCannotSeeIt() {
        StaleRegistryException e = refused(INNER, OTHER, true, List.of(MACHINE.get(3)));
        assertEquals(Check.PID_NAMESPACE, e.check());
        assertTrue(e.getMessage().contains("process 1 (game) of pid namespace 4026532448 is not visible from this"
                + " reader's pid namespace 4026532999, itself a nested one"), e.getMessage());
    }

    @Test
    void saysSoWhenTheReaderMayNotInspectTheProcessesThatCouldHoldTheTarget() {
        List<NsProcess> unprivileged = List.of(new NsProcess(1, 0, List.of()), new NsProcess(12345, 0, List.of()),
                new NsProcess(30000, HOST, List.of(30000)));
        StaleRegistryException e = refused(INNER, HOST, false, unprivileged);
        assertEquals(Check.PROCESS_GONE, e.check());
        assertTrue(e.getMessage().contains("process 1 (game) of pid namespace 4026532448 no longer exists: no process"
                + " runs in that namespace any more (the container exited); remove the file (unless it is one of the 2"
                + " processes whose pid namespace this reader may not inspect"), e.getMessage());
        assertTrue(e.getMessage().endsWith("run the reader as root or as the target's user)"), e.getMessage());
    }
}
