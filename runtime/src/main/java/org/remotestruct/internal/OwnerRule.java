package org.remotestruct.internal;

import java.util.Set;

/**
 * The rule a privileged reader applies when it acts for someone else (the owner of a registry file,
 * a connected IPC peer): it may touch only a process that requester could read or write itself
 * under the kernel's ptrace rules. Pure: what {@code /proc} and the target's user namespaces say in,
 * the refusal out.
 *
 * <p>The kernel lets an unprivileged user access a process only if its real, effective and saved
 * uids all equal the user's, its gids match likewise, it is dumpable, and it holds no capability
 * the user lacks, or else the user holds {@code CAP_SYS_PTRACE} in the target's user namespace.
 * Here all four uids (the filesystem uid too) must equal the requester's, the four gids must be one
 * gid (a process of the requester's own never runs setgid) and one of the
 * requester's groups (its primary or a supplementary group: the kernel compares the caller's real
 * gid, and a user can start processes with any of its groups), {@code
 * /proc/<pid>/stat} must belong to the requester (the kernel gives a non-dumpable process's files
 * to root), and the capability part depends on the target's user namespace, as the kernel's
 * ({@code cap_ptrace_access_check}): in the reader's own namespace the permitted capability set
 * must be empty (the requester holds none); in any other, the requester must hold
 * {@code CAP_SYS_PTRACE} there, which an unprivileged user does only where it owns the namespace
 * on the target's chain whose parent is the reader's ({@link UserNamespaceChain}); then the
 * target's capabilities do not matter. Root (uid 0) is trusted: the rule does not apply.
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
        /** It holds capabilities, in the reader's user namespace. */
        CAPABILITIES,
        /**
         * It is in a user namespace below the reader's that the requester does not own: the
         * namespace on its chain whose parent is the reader's was created by another uid.
         */
        NAMESPACE_OWNER,
        /** It is in a user namespace that is neither the reader's nor below it. */
        NAMESPACE_OUTSIDE
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
     * @param namespaces where the target's user namespace lies relative to the reader's
     */
    public static Refusal refusal(int uid, Set<Integer> groups, String requester, int pid, ProcStatus target,
            int statOwnerUid, UserNamespaceChain namespaces) {
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
        return capabilityRefusal(uid, requester, pid, target, namespaces, could);
    }

    /**
     * The kernel's capability check ({@code cap_ptrace_access_check}): a requester without
     * capabilities may access a target of its own user namespace that holds none, and a target of
     * another only with {@code CAP_SYS_PTRACE} there, whatever the target holds.
     */
    private static Refusal capabilityRefusal(int uid, String requester, int pid, ProcStatus target,
            UserNamespaceChain namespaces, String could) {
        switch (namespaces.placement()) {
            case SAME:
                return target.capPrm() == 0 ? null : new Refusal(Breach.CAPABILITIES, "target holds capabilities (pid "
                        + pid + " CapPrm " + Long.toHexString(target.capPrm()) + ": a program with file capabilities?)"
                        + could);
            case BELOW:
                if (namespaces.ownedFromReadersNamespaceBy(uid)) {
                    return null; // the owner holds every capability there, as the kernel grants it
                }
                int owner = namespaces.topmost().ownerUid();
                return new Refusal(Breach.NAMESPACE_OWNER, "target runs in a user namespace of uid " + owner
                        + ", not one the " + requester + " " + uid + " created (pid " + pid + " is in "
                        + namespaces.describe() + ", a child of this reader's: the kernel lets a user into the "
                        + "processes of another user namespace only if it created that namespace or the one above it "
                        + "that is a child of its own; start the target in a user namespace uid " + uid
                        + " creates itself, e.g. unshare --user run as that user or a rootless container)" + could);
            default:
                return new Refusal(Breach.NAMESPACE_OUTSIDE, "target runs in a user namespace outside this reader's "
                        + "(pid " + pid + " is in " + namespaces.describe() + ", whose parent is neither this reader's "
                        + "user namespace nor below it: the kernel lets no process of this reader's namespace into it, "
                        + "root included; run the reader in an ancestor of the target's user namespace)" + could);
        }
    }
}
