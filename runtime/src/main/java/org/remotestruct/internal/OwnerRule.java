package org.remotestruct.internal;

import java.util.Set;

/**
 * The rule a privileged reader applies when it acts for someone else (the owner of a registry file,
 * a connected IPC peer): it may touch only a process that requester could read or write itself
 * under the kernel's ptrace rules. Pure: what {@code /proc} says in, the refusal out.
 *
 * <p>The kernel lets an unprivileged user access a process only if its real, effective and saved
 * uids all equal the user's, its gids match likewise, it is dumpable, and it holds no capability
 * the user lacks. Here all four uids (the filesystem uid too) must equal the requester's, the
 * four gids must be one gid (a process of the requester's own never runs setgid) and one of the
 * requester's groups (its primary or a supplementary group: the kernel compares the caller's real
 * gid, and a user can start processes with any of its groups), {@code
 * /proc/<pid>/stat} must belong to the requester (the kernel gives a non-dumpable process's files
 * to root), and — within the reader's user namespace, where capability masks mean the same —
 * the permitted capability set must be empty. Root (uid 0) is trusted: the rule does not apply.
 */
public final class OwnerRule {

    /** Which part of the rule a target breaks. */
    public enum Breach {
        /** Its real uid is not the requester's: another user's process. */
        OTHER_USER,
        /** Its real uid is the requester's, but another of its uids is not: a setuid program. */
        SETUID,
        /** Its gids differ from one another: a setgid program. */
        SETGID,
        /** It runs with a group the requester is not a member of. */
        OTHER_GROUP,
        /** It is not dumpable. */
        NOT_DUMPABLE,
        /** It holds capabilities. */
        CAPABILITIES
    }

    /**
     * A refusal: which part of the rule, and a sentence saying how, with the ids involved.
     *
     * @param breach the part of the rule broken
     * @param reason the explanation, for messages
     */
    public record Refusal(Breach breach, String reason) {
        @Override
        public String toString() {
            return reason;
        }
    }

    private OwnerRule() {
    }

    /**
     * Why a requester with uid {@code uid} may not access the target, or {@code null} if it may.
     *
     * @param uid the requester's uid
     * @param groups the gids the requester may act as (ignored for uid 0)
     * @param requester who that is, for the message ("registry owner", "IPC peer")
     * @param pid the target, for the message
     * @param target the target's {@code /proc/<pid>/status}
     * @param statOwnerUid the owner of {@code /proc/<pid>/stat}
     * @param sameUserNamespace whether the target is in the reader's user namespace (or unknown)
     */
    public static Refusal refusal(int uid, Set<Integer> groups, String requester, int pid, ProcStatus target,
            int statOwnerUid, boolean sameUserNamespace) {
        if (uid == 0) {
            return null;
        }
        ProcStatus.Ids u = target.uids();
        String could = "; the " + requester + " " + uid + " could not access it, so neither does this reader";
        if (!u.allFourEqual(uid)) {
            boolean setuid = u.real() == uid;
            String how = setuid ? "target runs setuid: euid " + u.effective() + " ≠ " + requester + " " + uid
                    : "target runs as another user: uid " + u.real() + " ≠ " + requester + " " + uid;
            return new Refusal(setuid ? Breach.SETUID : Breach.OTHER_USER, how + " (pid " + pid + " uids: real "
                    + u.real() + ", effective " + u.effective() + ", saved " + u.saved() + ", fs " + u.fs() + ")"
                    + could);
        }
        ProcStatus.Ids g = target.gids();
        if (!g.allFourEqual(g.real())) {
            return new Refusal(Breach.SETGID, "target runs setgid (pid " + pid + " gids: real " + g.real()
                    + ", effective " + g.effective() + ", saved " + g.saved() + ", fs " + g.fs() + ")" + could);
        }
        if (!groups.contains(g.real())) {
            return new Refusal(Breach.OTHER_GROUP, "target runs with gid " + g.real() + ", not a group of the "
                    + requester + " " + uid + " (its groups: " + groups + ")" + could);
        }
        if (statOwnerUid != uid) {
            return new Refusal(Breach.NOT_DUMPABLE, "target is not dumpable: /proc/" + pid + "/stat belongs to uid "
                    + statOwnerUid + " (the program called prctl(PR_SET_DUMPABLE, 0), or dropped privileges from "
                    + "root without making itself dumpable again)" + could);
        }
        if (sameUserNamespace && target.capPrm() != 0) {
            return new Refusal(Breach.CAPABILITIES, "target holds capabilities (pid " + pid + " CapPrm "
                    + Long.toHexString(target.capPrm()) + ": a program with file capabilities?)" + could);
        }
        return null;
    }
}
