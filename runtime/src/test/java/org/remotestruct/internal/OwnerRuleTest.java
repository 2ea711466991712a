package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The owner rule on what {@code /proc} says: each way a target is out of its requester's reach. */
class OwnerRuleTest {

    private static final Set<Integer> NOBODYS_GROUPS = Set.of(65534);

    private static ProcStatus status(ProcStatus.Ids uids, ProcStatus.Ids gids, long capPrm) {
        return new ProcStatus("t", 'S', uids, gids, 0, capPrm, List.of());
    }

    private static ProcStatus.Ids ids(int r, int e, int s, int f) {
        return new ProcStatus.Ids(r, e, s, f);
    }

    private static final ProcStatus.Ids NOBODY = ids(65534, 65534, 65534, 65534);

    private static final UserNamespaceChain SAME = UserNamespaceChain.SAME;

    private static OwnerRule.Refusal refusal(ProcStatus target, int statOwner, UserNamespaceChain namespaces) {
        return OwnerRule.refusal(65534, NOBODYS_GROUPS, "registry owner", 42, target, statOwner, namespaces);
    }

    /** A chain of user namespaces below the reader's, the target's first: inode, owner, inode, owner, ... */
    private static UserNamespaceChain below(long... inodesAndOwners) {
        return chain(UserNamespaceChain.Placement.BELOW, inodesAndOwners);
    }

    private static UserNamespaceChain chain(UserNamespaceChain.Placement placement, long... inodesAndOwners) {
        List<UserNamespaceChain.Namespace> levels = new ArrayList<>();
        for (int i = 0; i < inodesAndOwners.length; i += 2) {
            levels.add(new UserNamespaceChain.Namespace(inodesAndOwners[i], (int) inodesAndOwners[i + 1]));
        }
        return new UserNamespaceChain(placement, levels);
    }

    @Test
    void aDumpableProcessOfTheRequestersOwnWithItsGroupAndNoCapabilitiesIsAllowed() {
        assertNull(refusal(status(NOBODY, NOBODY, 0), 65534, SAME));
    }

    @Test
    void rootIsTrustedWhateverTheTarget() {
        assertNull(OwnerRule.refusal(0, Set.of(), "registry owner", 42, status(ids(0, 0, 0, 0), ids(5, 6, 7, 8), -1),
                0, SAME));
    }

    @Test
    void eachBreachIsNamedWithTheIdsInvolved() {
        OwnerRule.Refusal other = refusal(status(ids(1000, 1000, 1000, 1000), NOBODY, 0), 1000, SAME);
        assertEquals(OwnerRule.Breach.OTHER_USER, other.breach());
        assertTrue(other.reason().startsWith("target runs as another user: uid 1000 ≠ registry owner 65534"),
                other.reason());
        OwnerRule.Refusal setuid = refusal(status(ids(65534, 0, 0, 0), NOBODY, 0), 0, SAME);
        assertEquals(OwnerRule.Breach.SETUID, setuid.breach());
        assertTrue(setuid.reason().startsWith("target runs setuid: euid 0 ≠ registry owner 65534"), setuid.reason());
        OwnerRule.Refusal setgid = refusal(status(NOBODY, ids(65534, 0, 0, 0), 0), 65534, SAME);
        assertEquals(OwnerRule.Breach.SETGID, setgid.breach());
        OwnerRule.Refusal group = refusal(status(NOBODY, ids(0, 0, 0, 0), 0), 65534, SAME);
        assertEquals(OwnerRule.Breach.OTHER_GROUP, group.breach());
        assertTrue(group.reason().startsWith("target runs with gid 0, not a group of the registry owner 65534"),
                group.reason());
        assertEquals(OwnerRule.Breach.NOT_DUMPABLE, refusal(status(NOBODY, NOBODY, 0), 0, SAME).breach());
        assertEquals(OwnerRule.Breach.CAPABILITIES, refusal(status(NOBODY, NOBODY, 1L << 21), 65534, SAME).breach());
    }

    @Test
    void aTargetInAUserNamespaceTheRequesterCreatedIsAllowedWhateverCapabilitiesItHoldsThere() {
        // A rootless container's root: every capability in a namespace nobody created below the reader's.
        assertNull(refusal(status(NOBODY, NOBODY, -1L), 65534, below(4026532841L, 65534)));
        // Nested: only the namespace whose parent is the reader's counts, and nobody created it.
        assertNull(refusal(status(NOBODY, NOBODY, -1L), 65534, below(4026532842L, 0, 4026532841L, 65534)));
    }

    @Test
    void aTargetInAUserNamespaceAnotherUidCreatedIsRefusedEvenWithoutCapabilities() {
        // cap_ptrace_access_check: outside the requester's own namespace, CAP_SYS_PTRACE there is
        // needed whatever the target holds.
        for (long capPrm : new long[] {0, -1L}) {
            OwnerRule.Refusal r = refusal(status(NOBODY, NOBODY, capPrm), 65534, below(4026532841L, 0));
            assertEquals(OwnerRule.Breach.NAMESPACE_OWNER, r.breach());
            assertTrue(r.reason().startsWith("target runs in a user namespace of uid 0, not one the registry owner "
                    + "65534 created (pid 42 is in user namespace 4026532841 (owner uid 0), a child of this reader's"),
                    r.reason());
            assertTrue(r.reason().contains("start the target in a user namespace uid 65534 creates itself"),
                    r.reason());
            assertTrue(r.reason().endsWith("the registry owner 65534 could not access it, so neither does this reader"),
                    r.reason());
        }
    }

    @Test
    void aNamespaceTheRequesterCreatedInsideAnotherUidsCountsForNothing() {
        // cap_capable asks for the owner only of the namespace whose parent is the requester's own:
        // nobody's namespace inside root's container gives nobody no capability from outside.
        OwnerRule.Refusal r = refusal(status(NOBODY, NOBODY, -1L), 65534, below(4026532842L, 65534, 4026532841L, 0));
        assertEquals(OwnerRule.Breach.NAMESPACE_OWNER, r.breach());
        assertTrue(r.reason().contains("(pid 42 is in user namespace 4026532842 (owner uid 65534) inside user "
                + "namespace 4026532841 (owner uid 0), a child of this reader's"), r.reason());
    }

    @Test
    void aTargetInAUserNamespaceOutsideTheReadersIsRefusedWhoeverOwnsIt() {
        OwnerRule.Refusal r = refusal(status(NOBODY, NOBODY, 0), 65534,
                chain(UserNamespaceChain.Placement.OUTSIDE, 4026531837L, 65534));
        assertEquals(OwnerRule.Breach.NAMESPACE_OUTSIDE, r.breach());
        assertTrue(r.reason().startsWith("target runs in a user namespace outside this reader's (pid 42 is in user "
                + "namespace 4026531837 (owner uid 65534), whose parent is neither"), r.reason());
    }

    @Test
    void theUsersOtherRulesStillApplyInsideItsOwnNamespace() {
        // Stricter than the kernel, which lets the owner into every process there: the ids must still be its own.
        assertEquals(OwnerRule.Breach.OTHER_USER,
                refusal(status(ids(100000, 100000, 100000, 100000), NOBODY, 0), 100000, below(1, 65534)).breach());
        assertEquals(OwnerRule.Breach.NOT_DUMPABLE, refusal(status(NOBODY, NOBODY, 0), 0, below(1, 65534)).breach());
    }

    @Test
    void rootStaysTrustedInAnyNamespace() {
        assertNull(OwnerRule.refusal(0, Set.of(), "IPC peer", 42, status(ids(0, 0, 0, 0), ids(0, 0, 0, 0), -1L), 0,
                below(4026532841L, 1000)));
    }

    @Test
    void aChainHasLevelsExactlyWhenTheTargetIsNotInTheReadersNamespace() {
        assertThrows(IllegalArgumentException.class, () -> chain(UserNamespaceChain.Placement.BELOW));
        assertThrows(IllegalArgumentException.class, () -> chain(UserNamespaceChain.Placement.SAME, 1, 0));
        assertEquals("this reader's user namespace", SAME.describe());
    }
}
