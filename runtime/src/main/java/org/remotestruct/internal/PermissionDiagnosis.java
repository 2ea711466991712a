package org.remotestruct.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains why the kernel refused access to a process (EPERM): the ptrace access rules that
 * {@code process_vm_readv} obeys (PTRACE_MODE_ATTACH_REALCREDS), checked against what
 * {@code /proc} shows. {@link #explain} is pure; {@link #diagnose} gathers its inputs.
 */
public final class PermissionDiagnosis {

    private static final Path YAMA = Path.of("/proc/sys/kernel/yama/ptrace_scope");

    private PermissionDiagnosis() {
    }

    /**
     * Reads {@code /proc/self/status}, {@code /proc/<pid>/status}, the owner of
     * {@code /proc/<pid>/stat} and the Yama ptrace_scope (each skipped if unreadable) and explains.
     * The kernel gives the files under {@code /proc/<pid>} of a non-dumpable process to root
     * (recent kernels leave the directory itself to the process's uid, so a file is checked).
     */
    public static String diagnose(int pid) {
        ProcStatus self = readStatus(Path.of("/proc/self/status"));
        ProcStatus target = readStatus(Path.of("/proc/" + pid + "/status"));
        int owner = -1;
        try {
            owner = (Integer) Files.getAttribute(Path.of("/proc/" + pid + "/stat"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // unknown owner: the dumpable check is skipped
        }
        Integer scope = null;
        try {
            scope = Integer.valueOf(Files.readString(YAMA).trim());
        } catch (IOException | NumberFormatException e) {
            // no Yama on this kernel (or unreadable): it cannot be the cause
        }
        return explain(pid, self, target, owner, scope);
    }

    private static ProcStatus readStatus(Path path) {
        try {
            // Name: holds the raw bytes of comm, not necessarily UTF-8; ISO-8859-1 decodes any byte.
            return ProcStatus.parse(Files.readAllLines(path, StandardCharsets.ISO_8859_1));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The likely causes and the fixes, as one paragraph.
     *
     * @param pid the target
     * @param self our status, or {@code null} if unknown
     * @param target the target's status, or {@code null} if unknown
     * @param procOwnerUid owner of {@code /proc/<pid>/stat}, or -1 if unknown
     * @param ptraceScope Yama's ptrace_scope, or {@code null} when Yama is absent
     */
    public static String explain(int pid, ProcStatus self, ProcStatus target, int procOwnerUid, Integer ptraceScope) {
        boolean cap = self != null && self.hasCapSysPtrace();
        String capText = self == null ? "unknown capabilities"
                : (cap ? "CAP_SYS_PTRACE" : "no CAP_SYS_PTRACE") + " (CapEff " + Long.toHexString(self.capEff()) + ")";
        List<String> causes = new ArrayList<>();
        if (self != null && target != null && !cap) {
            int uid = self.uids().real();
            int gid = self.gids().real();
            if (!target.uids().allEqual(uid)) {
                causes.add("the target runs as uid " + target.uids() + " but this process has real uid " + uid
                        + " and " + capText + "; reading another user's process needs CAP_SYS_PTRACE");
            } else if (!target.gids().allEqual(gid)) {
                causes.add("the target runs with gid " + target.gids() + " but this process has real gid " + gid
                        + " and " + capText + "; real, effective and saved gid must all match");
            }
            if (procOwnerUid == 0 && target.uids().effective() != 0) {
                causes.add("the target is not dumpable: /proc/" + pid + "/stat is owned by root although it runs as uid "
                        + target.uids().effective() + " (it changed credentials - setuid/setgid binary or file "
                        + "capabilities - or called prctl(PR_SET_DUMPABLE, 0)); only CAP_SYS_PTRACE can read it");
            }
        }
        if (ptraceScope != null && !cap && ptraceScope >= 1) {
            causes.add(yama(ptraceScope));
        } else if (ptraceScope != null && ptraceScope >= 3) {
            causes.add(yama(ptraceScope));
        }
        if (self != null && self.seccompFiltered()) {
            causes.add(seccomp(self));
        }
        if (causes.isEmpty()) {
            causes.add("uids, gids, capabilities (" + capText + "), dumpability and Yama do not explain it; a "
                    + "security module (SELinux, AppArmor)" + (self != null && self.seccomp() == 0 ? ""
                            : ", a seccomp filter of a container runtime") + ", or a different user namespace may deny it"
                    + (self != null && self.seccomp() == 0 ? " (this process runs under no seccomp filter: Seccomp: 0)"
                            : ""));
        }
        String us = self == null ? "" : " (this process: uid " + self.uids().real() + ", " + capText + ")";
        return "Likely cause: " + String.join("; also ", causes) + "." + us
                + " What to do: run the reader as the target's user, or give it CAP_SYS_PTRACE (sudo, or "
                + "setcap cap_sys_ptrace+ep on a dedicated java binary; containers: --cap-add=SYS_PTRACE), "
                + "or relax kernel.yama.ptrace_scope; see docs/permissions.md.";
    }

    /** Our own filter, not the target's: only the caller's filter sees process_vm_readv. */
    private static String seccomp(ProcStatus self) {
        String filters = self.seccompFilters() > 0 ? ", " + self.seccompFilters() + " filter"
                + (self.seccompFilters() == 1 ? "" : "s") : "";
        return "this process runs under a seccomp filter (/proc/self/status Seccomp: 2" + filters + "), which can "
                + "refuse process_vm_readv and process_vm_writev with EPERM whatever the credentials: a container "
                + "runtime's default profile (Docker: --security-opt seccomp=<profile allowing them>, or run it with "
                + "CAP_SYS_PTRACE, which Docker's default profile requires for these calls) or a service manager's "
                + "(systemd SystemCallFilter=)";
    }

    private static String yama(int scope) {
        return switch (scope) {
            case 1 -> "kernel.yama.ptrace_scope is 1 (restricted): without CAP_SYS_PTRACE only an ancestor of the "
                    + "target, or a process it named with prctl(PR_SET_PTRACER), may read it";
            case 2 -> "kernel.yama.ptrace_scope is 2 (admin-only): only a process with CAP_SYS_PTRACE may read "
                    + "another process";
            default -> "kernel.yama.ptrace_scope is " + scope + " (no attach): no process may read another "
                    + "process's memory; the setting cannot be lowered until reboot";
        };
    }
}
