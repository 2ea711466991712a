package org.remotestruct.registry;

import java.nio.file.Path;
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
     * Passes if {@code registry} was written in boot {@code bootId} by the process {@code facts}
     * describes, as seen from this pid namespace.
     *
     * @param facts what /proc says about the registry's pid now, empty if no such process
     * @throws StaleRegistryException naming the failed check
     */
    static void verify(Path file, RegistryFile registry, String bootId, Optional<ProcFacts> facts) {
        int pid = registry.pid();
        String who = "process " + pid + registry.label().map(l -> " (" + l + ")").orElse("");
        if (!registry.bootId().equals(bootId)) {
            throw new StaleRegistryException(file, Check.BOOT_ID, "written in boot " + registry.bootId()
                    + " but this is boot " + bootId + ": the machine rebooted since; remove the file");
        }
        if (facts.isEmpty()) {
            throw new StaleRegistryException(file, Check.PROCESS_GONE, who
                    + " no longer exists: it exited without removing its registry; remove the file");
        }
        ProcFacts now = facts.get();
        if (now.startTime() != registry.startTime()) {
            throw new StaleRegistryException(file, Check.START_TIME, who + " was written with start time "
                    + registry.startTime() + " but pid " + pid + " now started at " + now.startTime()
                    + ": the pid was reused or the target restarted; it must publish again");
        }
        // NSpid lists the pid in this /proc's namespace first, then in each nested namespace; the
        // target wrote its innermost pid. More than one entry means it lives in a nested namespace,
        // where the pid it wrote does not name it here, so the file cannot be trusted to be its own.
        if (now.nsPids().size() > 1 || (now.nsPids().size() == 1 && now.nsPids().get(0) != pid)) {
            throw new StaleRegistryException(file, Check.PID_NAMESPACE, who + " runs in another pid namespace"
                    + " (NSpid " + now.nsPids() + "); read its registry from inside that namespace"
                    + " (e.g. nsenter --target <host pid> --pid --mount)");
        }
    }
}
