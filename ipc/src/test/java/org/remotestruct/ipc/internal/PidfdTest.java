package org.remotestruct.ipc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pid of a pidfd, from the fdinfo text the kernel writes for it. */
class PidfdTest {

    private static List<String> fdinfo(String pid) {
        return List.of("pos:\t0", "flags:\t02000002", "mnt_id:\t15", "ino:\t1234", "Pid:\t" + pid, "NSpid:\t" + pid);
    }

    @Test
    void pidLineGivesThePidInThisNamespaceOrExitedOrNotVisible() {
        assertEquals(4242, Pidfd.parsePid(fdinfo("4242")));
        assertEquals(Pidfd.EXITED, Pidfd.parsePid(fdinfo("-1")));
        assertEquals(Pidfd.NOT_VISIBLE, Pidfd.parsePid(fdinfo("0")));
    }

    @Test
    void fdinfoWithoutAPidLineIsNotAPidfd() {
        assertThrows(IllegalArgumentException.class, () -> Pidfd.parsePid(List.of("pos:\t0", "flags:\t02")));
    }
}
