package org.remotestruct.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.remotestruct.registry.StaleRegistryException.Check;

/**
 * Decides whether a registry still describes the process it names: pure, from the registry and
 * what /proc says now. The checks run cheapest-and-most-common first and stop at the first failure.
 */
final class TargetIdentity {

    private TargetIdentity() {
    }

    /**
     * Passes if {@code registry} was written in boot {@code bootId}; runs before the target's pid is
     * resolved, since after a reboot no pid or namespace in the file means anything.
     *
     * @throws StaleRegistryException BOOT_ID
     */
    static void requireSameBoot(Path file, RegistryFile registry, String bootId) {
        if (!registry.bootId().equals(bootId)) {
            throw new StaleRegistryException(file, Check.BOOT_ID, "written in boot " + registry.bootId()
                    + " but this is boot " + bootId + ": the machine rebooted since; remove the file");
        }
    }

    /**
     * Passes if {@code registry} was written in boot {@code bootId} by the process {@code facts}
     * describes, found as {@code target} from this pid namespace.
     *
     * @param target the registry's pid resolved into this namespace ({@link TargetPid#resolve})
     * @param facts what /proc says about {@code target.here()} now, empty if no such process
     * @throws StaleRegistryException naming the failed check
     */
    static void verify(Path file, RegistryFile registry, String bootId, TargetPid target,
            Optional<ProcFacts> facts) {
        requireSameBoot(file, registry, bootId);
        String who = target.describe(registry);
        if (facts.isEmpty()) {
            throw new StaleRegistryException(file, Check.PROCESS_GONE, who
                    + " no longer exists: it exited without removing its registry; remove the file");
        }
        ProcFacts now = facts.get();
        // Field 22 counts ticks since boot, not per namespace, so it compares across namespaces.
        if (now.startTime() != registry.startTime()) {
            throw new StaleRegistryException(file, Check.START_TIME, who + " was written with start time "
                    + registry.startTime() + " but pid " + target.here() + " now started at " + now.startTime()
                    + ": the pid was reused or the target restarted; it must publish again");
        }
        List<Integer> nsPids = now.nsPids();
        if (target.translated()) {
            // Resolved by its namespace: NSpid must still run from the pid here to the pid it wrote.
            if (!nsPids.isEmpty() && (nsPids.get(0) != target.here()
                    || nsPids.get(nsPids.size() - 1) != target.written())) {
                throw new StaleRegistryException(file, Check.PID_NAMESPACE, who + " now has NSpid " + nsPids
                        + ": another process took the pid while it was checked; verify again");
            }
            return;
        }
        // NSpid lists the pid in this /proc's namespace first, then in each nested namespace; the
        // target wrote its innermost pid. More than one entry means it lives in a nested namespace,
        // where the pid it wrote does not name it here, so the file cannot be trusted to be its own.
        if (nsPids.size() > 1 || (nsPids.size() == 1 && nsPids.get(0) != target.written())) {
            throw new StaleRegistryException(file, Check.PID_NAMESPACE, who + " runs in another pid namespace"
                    + " (NSpid " + nsPids + ")" + (registry.hasPidNamespace() ? "" : " and its registry"
                    + " records none (no pidns key: written by an older remotestruct)")
                    + "; read its registry from inside that namespace"
                    + " (e.g. nsenter --target <host pid> --pid --mount)");
        }
    }
}
