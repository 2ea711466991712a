package org.remotestruct.internal;

import com.sun.jna.Memory;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The groups a user may act as: its primary group and every supplementary group, from the
 * system's user database (NSS: {@code /etc/passwd} and {@code /etc/group}, LDAP, ...). The owner
 * rule needs them because the kernel lets a user read only processes whose gids are one of theirs.
 * Answers are kept for a minute: a probe verifies its targets every round, and group membership
 * changes rarely (a login picks up a change only at its next start anyway).
 */
public final class Accounts {

    /** Layout of {@code struct passwd} on 64-bit Linux (glibc and musl): where {@code pw_gid} is. */
    private static final int PASSWD_SIZE = 48;
    private static final int PW_GID = 20;
    private static final int BUFFER = 16384;
    private static final long KEEP_NANOS = 60_000_000_000L;

    private record Entry(Optional<Set<Integer>> groups, long at) {
    }

    private static final Map<Integer, Entry> CACHE = new ConcurrentHashMap<>();

    private Accounts() {
    }

    /**
     * The gids user {@code uid} may act as (primary first is not guaranteed), or empty if the
     * user database has no such user (a uid used only inside a container, say).
     */
    public static Optional<Set<Integer>> groupsOf(int uid) {
        long now = System.nanoTime();
        Entry e = CACHE.get(uid);
        if (e == null || now - e.at() > KEEP_NANOS) {
            e = new Entry(lookUp(uid), now);
            CACHE.put(uid, e);
        }
        return e.groups();
    }

    private static Optional<Set<Integer>> lookUp(int uid) {
        Memory pwd = new Memory(PASSWD_SIZE);
        Memory buf = new Memory(BUFFER);
        Memory result = new Memory(8);
        result.setLong(0, 0);
        int err = LibC.getpwuid_r(uid, com.sun.jna.Pointer.nativeValue(pwd), com.sun.jna.Pointer.nativeValue(buf),
                BUFFER, com.sun.jna.Pointer.nativeValue(result));
        if (err != 0 || result.getLong(0) == 0) {
            return Optional.empty();
        }
        String name = pwd.getPointer(0).getString(0);
        int primary = pwd.getInt(PW_GID);
        int capacity = 64;
        for (int attempt = 0; attempt < 4; attempt++) {
            Memory groups = new Memory(4L * capacity);
            Memory count = new Memory(4);
            count.setInt(0, capacity);
            int n = LibC.getgrouplist(name, primary, com.sun.jna.Pointer.nativeValue(groups),
                    com.sun.jna.Pointer.nativeValue(count));
            if (n >= 0) {
                Set<Integer> out = new TreeSet<>();
                for (int i = 0; i < n; i++) {
                    out.add(groups.getInt(4L * i));
                }
                out.add(primary);
                return Optional.of(Collections.unmodifiableSet(out));
            }
            capacity = Math.max(count.getInt(0), capacity * 2);
        }
        return Optional.of(Set.of(primary));
    }
}
