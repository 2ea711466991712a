package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static OwnerRule.Refusal refusal(ProcStatus target, int statOwner, boolean sameNamespace) {
        return OwnerRule.refusal(65534, NOBODYS_GROUPS, "registry owner", 42, target, statOwner, sameNamespace);
    }

    @Test
    void aDumpableProcessOfTheRequestersOwnWithItsGroupAndNoCapabilitiesIsAllowed() {
        assertNull(refusal(status(NOBODY, NOBODY, 0), 65534, true));
    }

    @Test
    void rootIsTrustedWhateverTheTarget() {
        assertNull(OwnerRule.refusal(0, Set.of(), "registry owner", 42, status(ids(0, 0, 0, 0), ids(5, 6, 7, 8), -1),
                0, true));
    }

    @Test
    void eachBreachIsNamedWithTheIdsInvolved() {
        OwnerRule.Refusal other = refusal(status(ids(1000, 1000, 1000, 1000), NOBODY, 0), 1000, true);
        assertEquals(OwnerRule.Breach.OTHER_USER, other.breach());
        assertTrue(other.reason().startsWith("target runs as another user: uid 1000 ≠ registry owner 65534"),
                other.reason());
        OwnerRule.Refusal setuid = refusal(status(ids(65534, 0, 0, 0), NOBODY, 0), 0, true);
        assertEquals(OwnerRule.Breach.SETUID, setuid.breach());
        assertTrue(setuid.reason().startsWith("target runs setuid: euid 0 ≠ registry owner 65534"), setuid.reason());
        OwnerRule.Refusal setgid = refusal(status(NOBODY, ids(65534, 0, 0, 0), 0), 65534, true);
        assertEquals(OwnerRule.Breach.SETGID, setgid.breach());
        OwnerRule.Refusal group = refusal(status(NOBODY, ids(0, 0, 0, 0), 0), 65534, true);
        assertEquals(OwnerRule.Breach.OTHER_GROUP, group.breach());
        assertTrue(group.reason().startsWith("target runs with gid 0, not a group of the registry owner 65534"),
                group.reason());
        assertEquals(OwnerRule.Breach.NOT_DUMPABLE, refusal(status(NOBODY, NOBODY, 0), 0, true).breach());
        assertEquals(OwnerRule.Breach.CAPABILITIES, refusal(status(NOBODY, NOBODY, 1L << 21), 65534, true).breach());
    }

    @Test
    void capabilitiesCountOnlyInTheReadersUserNamespace() {
        // In a user namespace of its own, the masks are relative to it (a rootless container's root).
        assertNull(refusal(status(NOBODY, NOBODY, -1L), 65534, false));
    }
}
