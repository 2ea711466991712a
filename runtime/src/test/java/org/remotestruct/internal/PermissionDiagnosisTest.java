package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionDiagnosisTest {

    private static ProcStatus status(int uid, int gid, long capEff) {
        return new ProcStatus("x", 'S', new ProcStatus.Ids(uid, uid, uid, uid), new ProcStatus.Ids(gid, gid, gid, gid),
                capEff, 0, List.of());
    }

    private static final ProcStatus NOBODY = status(65534, 65534, 0);
    private static final long PTRACE = 1L << ProcStatus.CAP_SYS_PTRACE;

    @Test
    void otherUsersTargetWithoutCapSysPtraceNamesBothUids() {
        String hint = PermissionDiagnosis.explain(77, NOBODY, status(0, 0, -1L), 0, null);
        assertTrue(hint.contains("the target runs as uid 0 but this process has real uid 65534"), hint);
        assertTrue(hint.contains("no CAP_SYS_PTRACE"), hint);
        assertTrue(hint.contains("docs/permissions.md"), hint);
        assertFalse(hint.contains("not dumpable"), "a root target owns its /proc dir anyway: " + hint);
    }

    @Test
    void rootOwnedProcDirOfANonRootTargetMeansNotDumpable() {
        String hint = PermissionDiagnosis.explain(77, NOBODY, status(65534, 65534, 0), 0, null);
        assertTrue(hint.contains("the target is not dumpable: /proc/77/stat is owned by root"), hint);
        assertFalse(hint.contains("real uid"), hint);
    }

    @Test
    void mismatchedGidIsNamedWhenUidsMatch() {
        String hint = PermissionDiagnosis.explain(77, NOBODY, status(65534, 5, 0), 65534, null);
        assertTrue(hint.contains("gid 5"), hint);
    }

    @Test
    void yamaScopesAreExplained() {
        ProcStatus same = status(65534, 65534, 0);
        assertTrue(PermissionDiagnosis.explain(77, NOBODY, same, 65534, 1).contains("ptrace_scope is 1 (restricted)"));
        assertTrue(PermissionDiagnosis.explain(77, NOBODY, same, 65534, 2).contains("ptrace_scope is 2 (admin-only)"));
        String three = PermissionDiagnosis.explain(77, status(0, 0, PTRACE), same, 65534, 3);
        assertTrue(three.contains("ptrace_scope is 3 (no attach)"), three);
        assertFalse(PermissionDiagnosis.explain(77, status(0, 0, PTRACE), same, 65534, 2).contains("ptrace_scope is"));
    }

    private static ProcStatus seccomp(ProcStatus s, int mode, int filters) {
        return new ProcStatus(s.name(), s.state(), s.uids(), s.gids(), s.capEff(), s.capPrm(), s.nspid(), mode, filters);
    }

    @Test
    void anActiveSeccompFilterOfThisProcessIsNamedEvenWithCapSysPtrace() {
        ProcStatus root = seccomp(status(0, 0, PTRACE), 2, 1);
        String hint = PermissionDiagnosis.explain(77, root, status(65534, 65534, 0), 65534, 0);
        assertTrue(hint.startsWith("Likely cause: this process runs under a seccomp filter (/proc/self/status "
                + "Seccomp: 2, 1 filter), which can refuse process_vm_readv and process_vm_writev with EPERM whatever "
                + "the credentials"), hint);
        assertTrue(hint.contains("systemd SystemCallFilter="), hint);
        assertFalse(hint.contains("do not explain it"), "the filter explains it: " + hint);
    }

    @Test
    void aSeccompFilterIsNamedBesideAnotherCause() {
        String hint = PermissionDiagnosis.explain(77, seccomp(NOBODY, 2, -1), status(0, 0, -1L), 0, null);
        assertTrue(hint.contains("the target runs as uid 0") && hint.contains("; also this process runs under a"
                + " seccomp filter (/proc/self/status Seccomp: 2)"), hint);
    }

    @Test
    void withoutAFilterTheUnexplainedHintSaysSoInsteadOfGuessingSeccomp() {
        String hint = PermissionDiagnosis.explain(77, seccomp(status(0, 0, PTRACE), 0, 0), status(65534, 65534, 0),
                65534, 0);
        assertTrue(hint.contains("(this process runs under no seccomp filter: Seccomp: 0)"), hint);
        assertFalse(hint.contains("a seccomp filter of a container runtime"), hint);
    }

    @Test
    void unexplainedRefusalPointsAtSecurityModulesAndNamespaces() {
        String hint = PermissionDiagnosis.explain(77, status(0, 0, PTRACE), status(65534, 65534, 0), 65534, 0);
        assertTrue(hint.contains("SELinux, AppArmor"), hint);
    }
}
