package org.remotestruct.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.remotestruct.internal.LibC;
import org.remotestruct.internal.ProcStat;
import org.remotestruct.internal.ProcStatus;

/**
 * What /proc says about one process, as far as registry identity needs it: the reading at the edge,
 * parsed by the runtime's pure {@link ProcStat} and {@link ProcStatus} parsers.
 *
 * @param pid the pid as seen in this /proc
 * @param startTime {@code /proc/<pid>/stat} field 22, clock ticks since boot
 * @param status {@code /proc/<pid>/status}, kept whole so the owner rule reads it from here
 *     instead of reading the file again
 */
record ProcFacts(int pid, long startTime, ProcStatus status) {

    /** The {@code Uid:} line: real, effective, saved, filesystem. */
    List<Integer> uids() {
        ProcStatus.Ids ids = status.uids();
        return List.of(ids.real(), ids.effective(), ids.saved(), ids.fs());
    }

    /**
     * The {@code NSpid:} line: the pid in this namespace first, then in each nested one; empty on
     * kernels before 4.1, which do not print it.
     */
    List<Integer> nsPids() {
        return status.nspid();
    }

    private static final Path PROC = Path.of("/proc");
    /** PROC_PID_INIT_INO: the inode of the initial pid namespace, a kernel constant. */
    static final long INITIAL_PID_NAMESPACE = 0xEFFFFFFCL;
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    /** This machine's boot id, read once: it changes only with a reboot, which this JVM does not outlive. */
    private static volatile String bootId;
    /** This JVM's pid namespace, read once (0 until then): a process never leaves its pid namespace. */
    private static volatile long selfPidNamespace;


    /** The facts about {@code pid}, or empty if no such process exists (or it is a zombie). */
    static Optional<ProcFacts> read(int pid) throws IOException {
        Path dir = PROC.resolve(Integer.toString(pid));
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
            List<String> status = Files.readAllLines(dir.resolve("status"), StandardCharsets.ISO_8859_1);
            return parse(pid, stat, status);
        } catch (NoSuchFileException e) {
            // Also the answer when the process exits between the two reads.
            return Optional.empty();
        } catch (IOException e) {
            // A process exiting between open and read makes the kernel fail the read with ESRCH.
            if (Files.notExists(dir)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * This kernel's boot id, as {@code /proc/sys/kernel/random/boot_id} prints it without the
     * newline; read at the first call.
     */
    static String currentBootId() throws IOException {
        String id = bootId;
        if (id == null) {
            id = Files.readString(BOOT_ID, StandardCharsets.US_ASCII).strip();
            bootId = id;
        }
        return id;
    }

    /** The effective uid of this JVM. */
    static int selfEffectiveUid() {
        // geteuid(2), not /proc/self/status: the same number (this thread's, which glibc keeps the same in
        // all threads), without reading and parsing that file at every scan of probe serve.
        return LibC.geteuid();
    }

    /**
     * The inode of this JVM's pid namespace (the number in {@code readlink /proc/self/ns/pid}), or 0
     * if it cannot be read, in which case a registry simply omits its optional {@code pidns} key.
     */
    static long selfPidNamespace() {
        long ns = selfPidNamespace;
        if (ns == 0) {
            ns = pidNamespace("self").orElse(0L);
            selfPidNamespace = ns; // 0 again when unreadable: tried again next time
        }
        return ns;
    }

    /**
     * The inode of the pid namespace of {@code /proc/<process>} ({@code process} a pid or {@code self}),
     * or empty if the link cannot be read: the process is gone, or this reader may not inspect it.
     */
    static Optional<Long> pidNamespace(String process) {
        try {
            return Optional.of(parsePidNamespace(Files.readSymbolicLink(PROC.resolve(process).resolve("ns/pid"))
                    .toString()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The inode in the target of a {@code /proc/<pid>/ns/pid} link, {@code pid:[4026531836]}.
     *
     * @throws IllegalArgumentException if the text has another form
     */
    static long parsePidNamespace(String link) {
        if (!link.startsWith("pid:[") || !link.endsWith("]")) {
            throw new IllegalArgumentException("not a pid namespace link: '" + link + "'");
        }
        try {
            return Long.parseLong(link.substring(5, link.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a pid namespace link: '" + link + "'", e);
        }
    }

    /**
     * Whether this JVM runs in a nested pid namespace, so it cannot see every process of the machine:
     * its namespace is not the initial one, or its {@code NSpid:} line holds more than one pid.
     */
    static boolean selfNested() throws IOException {
        // NSpid alone misses a container with its own /proc (it lists pids from that /proc's namespace
        // down), so also compare with the initial namespace's inode, fixed by the kernel since 3.8.
        long self = selfPidNamespace();
        return (self != 0 && self != INITIAL_PID_NAMESPACE)
                || ProcStatus.parse(Files.readAllLines(PROC.resolve("self/status"), StandardCharsets.ISO_8859_1))
                        .nspid().size() > 1;
    }

    /**
     * Every process of this /proc in the pid namespace with inode {@code namespace}, with its
     * {@code NSpid:} line, plus every process whose namespace this reader may not inspect (namespace
     * 0, no pids: reading {@code ns/pid} needs ptrace access); processes that exit meanwhile are left out.
     *
     * @throws IOException if /proc cannot be listed
     */
    static List<TargetPid.NsProcess> inPidNamespace(long namespace) throws IOException {
        List<TargetPid.NsProcess> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path dir : ds) {
                nsProcess(dir, namespace).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * Process {@code pid} if it runs in the pid namespace with inode {@code namespace}, with its
     * {@code NSpid:} line; empty if it runs elsewhere, is gone, or this reader may not inspect it.
     * One process's part of {@link #inPidNamespace}: a target found before is checked again here
     * instead of scanning all of /proc.
     */
    static Optional<TargetPid.NsProcess> inPidNamespace(int pid, long namespace) {
        return nsProcess(PROC.resolve(Integer.toString(pid)), namespace).filter(p -> p.namespace() != 0);
    }

    /** The process of {@code dir} if in {@code namespace} or not inspectable (namespace 0), else empty. */
    private static Optional<TargetPid.NsProcess> nsProcess(Path dir, long namespace) {
        int pid = Integer.parseInt(dir.getFileName().toString());
        long ns;
        try {
            ns = parsePidNamespace(Files.readSymbolicLink(dir.resolve("ns/pid")).toString());
        } catch (AccessDeniedException denied) {
            return Optional.of(new TargetPid.NsProcess(pid, 0, List.of()));
        } catch (IOException | IllegalArgumentException gone) {
            return Optional.empty();
        }
        if (ns != namespace) {
            return Optional.empty();
        }
        try {
            List<String> status = Files.readAllLines(dir.resolve("status"), StandardCharsets.ISO_8859_1);
            return Optional.of(new TargetPid.NsProcess(pid, namespace, ProcStatus.parse(status).nspid()));
        } catch (IOException exited) {
            return Optional.empty(); // gone between the two reads: not a candidate any more
        }
    }

    /** The start time of this JVM, from {@code /proc/self/stat}. */
    static long selfStartTime() throws IOException {
        return ProcStat.parse(Files.readString(Path.of("/proc/self/stat"), StandardCharsets.ISO_8859_1).strip())
                .startTime();
    }

    /**
     * Facts from the text of {@code /proc/<pid>/stat} and the lines of {@code /proc/<pid>/status};
     * empty for a zombie, which has exited and only waits to be reaped, so its memory is gone.
     *
     * @throws IllegalArgumentException if either text is malformed
     */
    static Optional<ProcFacts> parse(int pid, String stat, List<String> status) {
        ProcStat st = ProcStat.parse(stat.strip());
        if (st.zombie()) {
            return Optional.empty();
        }
        return Optional.of(new ProcFacts(pid, st.startTime(), ProcStatus.parse(status)));
    }
}
