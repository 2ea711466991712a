package org.remotestruct.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.remotestruct.registry.StaleRegistryException.Check;

/**
 * The registry's pid as this reader sees it. A target in a nested pid namespace (a container) writes
 * its inner pid, which names another process, or none, in the reader's namespace; the reader finds the
 * target's own pid by the namespace inode the registry records. Resolving is pure: the facts about the
 * processes come from {@link ProcFacts#inPidNamespace(long)}.
 *
 * @param written the pid the target wrote ({@code getpid()} in its namespace)
 * @param namespace the registry's {@code pidns}, 0 if it has none
 * @param here the target's pid in the reader's namespace: what /proc, attach and the maps check use
 * @param translated whether {@code here} was found through another namespace than the reader's
 */
record TargetPid(int written, long namespace, int here, boolean translated) {

    /**
     * A process as far as translating pids needs it.
     *
     * @param pid its pid in the reader's /proc
     * @param namespace inode of its pid namespace ({@code /proc/<pid>/ns/pid}), 0 if this reader may
     *     not inspect it
     * @param nsPids its {@code NSpid:} line: the pid in the reader's namespace first, its own last
     */
    record NsProcess(int pid, long namespace, List<Integer> nsPids) {
        NsProcess {
            nsPids = List.copyOf(nsPids);
        }
    }

    /**
     * Finds the process the registry names, as seen from the reader. A registry without {@code pidns},
     * or from the reader's own namespace (or a reader that cannot tell its own), names its pid directly.
     *
     * @param readerNamespace inode of the reader's pid namespace, 0 if unknown
     * @param readerNested whether the reader itself runs in a nested pid namespace, so it sees only part
     *     of the machine
     * @param processes the processes of the reader's /proc; those in other namespaces may be left out
     * @throws StaleRegistryException PROCESS_GONE if the namespace holds no such pid any more,
     *     PID_NAMESPACE if the reader cannot see the namespace at all
     */
    static TargetPid resolve(Path file, RegistryFile registry, long readerNamespace, boolean readerNested,
            List<NsProcess> processes) {
        int pid = registry.pid();
        long ns = registry.pidNamespace();
        if (!registry.hasPidNamespace() || readerNamespace == 0 || ns == readerNamespace) {
            return new TargetPid(pid, ns, pid, false);
        }
        String who = "process " + pid + label(registry) + " of pid namespace " + ns;
        List<NsProcess> inside = processes.stream().filter(p -> p.namespace() == ns).toList();
        if (inside.isEmpty() && readerNested) {
            throw new StaleRegistryException(file, Check.PID_NAMESPACE, who + " is not visible from this"
                    + " reader's pid namespace " + readerNamespace + ", itself a nested one (a container): the target"
                    + " runs elsewhere, or its namespace is gone; read it from the host or from inside its namespace"
                    + " (nsenter --target <host pid> --pid --mount)");
        }
        if (inside.isEmpty()) {
            throw new StaleRegistryException(file, Check.PROCESS_GONE, who + " no longer exists: no process"
                    + " runs in that namespace any more (the container exited); remove the file" + hidden(processes));
        }
        Optional<NsProcess> target = inside.stream()
                .filter(p -> !p.nsPids().isEmpty() && p.nsPids().get(p.nsPids().size() - 1) == pid).findFirst();
        if (target.isEmpty()) {
            throw new StaleRegistryException(file, Check.PROCESS_GONE, who + " no longer exists: none of the "
                    + inside.size() + " processes in that namespace has pid " + pid + " there; it exited without"
                    + " removing its registry; remove the file");
        }
        return new TargetPid(pid, ns, target.get().pid(), true);
    }

    /** A caveat for "not found" when some processes could not be inspected, else nothing. */
    private static String hidden(List<NsProcess> processes) {
        long hidden = processes.stream().filter(p -> p.namespace() == 0).count();
        return hidden == 0 ? "" : " (unless it is one of the " + hidden + " processes whose pid namespace this reader"
                + " may not inspect: reading /proc/<pid>/ns/pid needs ptrace access; run the reader as root or as"
                + " the target's user)";
    }

    /** How messages name the target: with both pids when they were translated. */
    String describe(RegistryFile registry) {
        return translated
                ? "process " + written + label(registry) + " (pid " + written + " in pid namespace " + namespace
                        + " = pid " + here + " here)"
                : "process " + written + label(registry);
    }

    private static String label(RegistryFile registry) {
        return registry.label().map(l -> " (" + l + ")").orElse("");
    }
}
