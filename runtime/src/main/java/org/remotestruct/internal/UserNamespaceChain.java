package org.remotestruct.internal;

import java.util.List;
import java.util.Objects;

/**
 * Where a target's user namespace lies relative to the reader's, and who owns each namespace in
 * between: the facts the {@link OwnerRule} needs to decide, as the kernel does, whether a user of
 * the reader's namespace holds {@code CAP_SYS_PTRACE} in the target's. Pure: {@link UserNamespaces}
 * reads it from the kernel, tests build it by hand.
 *
 * <p>The kernel's rule ({@code cap_capable} in {@code security/commoncap.c}): a process without
 * capabilities holds every capability in a user namespace N other than its own only if N lies
 * below its own and the namespace on the way up from N whose parent is its own was created by (is
 * owned by) its effective uid. Owners further down do not count: a user who owns a namespace made
 * inside root's container owns nothing the kernel asks about.
 *
 * @param placement whether the target's namespace is the reader's, below it, or neither
 * @param levels the target's namespace and its ancestors as walked, the target's first: for
 *     {@link Placement#BELOW}, up to the one whose parent is the reader's (the last); for
 *     {@link Placement#OUTSIDE}, up to the one whose parent the kernel would not name because it is
 *     not the reader's namespace nor below it; empty for {@link Placement#SAME}
 */
public record UserNamespaceChain(Placement placement, List<Namespace> levels) {

    /** A target in the reader's own user namespace. */
    public static final UserNamespaceChain SAME = new UserNamespaceChain(Placement.SAME, List.of());

    /** How the target's user namespace relates to the reader's. */
    public enum Placement {
        /** It is the reader's namespace. */
        SAME,
        /** It is a descendant of the reader's namespace. */
        BELOW,
        /** It is neither the reader's nor below it: an ancestor, or in another branch. */
        OUTSIDE
    }

    /**
     * One user namespace.
     *
     * @param inode its inode number on nsfs ({@code user:[inode]} in {@code /proc/<pid>/ns/user}), for messages
     * @param ownerUid the effective uid of the process that created it, as seen from the reader's
     *     namespace ({@code NS_GET_OWNER_UID})
     */
    public record Namespace(long inode, int ownerUid) {
    }

    /**
     * Checks the shape: no levels for {@link Placement#SAME}, at least one otherwise.
     *
     * @throws IllegalArgumentException if the levels do not fit the placement
     */
    public UserNamespaceChain {
        Objects.requireNonNull(placement);
        levels = List.copyOf(levels);
        if ((placement == Placement.SAME) != levels.isEmpty()) {
            throw new IllegalArgumentException(placement + " with " + levels.size() + " namespace levels");
        }
    }

    /**
     * Whether an unprivileged user {@code uid} of the reader's namespace holds every capability in
     * the target's namespace: it lies below the reader's, and the namespace on the chain whose parent
     * is the reader's is owned by {@code uid} ({@code cap_capable}). False for {@link Placement#SAME},
     * where the user holds only the capabilities it has.
     */
    public boolean ownedFromReadersNamespaceBy(int uid) {
        return placement == Placement.BELOW && topmost().ownerUid() == uid;
    }

    /** The last namespace walked: for {@link Placement#BELOW}, the one whose parent is the reader's. */
    public Namespace topmost() {
        if (levels.isEmpty()) {
            throw new IllegalStateException("the target is in the reader's own user namespace");
        }
        return levels.get(levels.size() - 1);
    }

    /**
     * The chain in words, target's namespace first, for messages: {@code "user namespace 4026532841
     * (owner uid 65534) inside user namespace 4026532840 (owner uid 0)"}.
     */
    public String describe() {
        StringBuilder s = new StringBuilder();
        for (Namespace n : levels) {
            s.append(s.length() == 0 ? "user namespace " : " inside user namespace ").append(n.inode())
                    .append(" (owner uid ").append(n.ownerUid()).append(')');
        }
        return s.length() == 0 ? "this reader's user namespace" : s.toString();
    }
}
