package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/**
 * Reading where a process's user namespace lies, from the kernel: the walk itself is proved on
 * real namespaces in {@code AddressRegistryUserNamespaceTest}; here, the two ends.
 */
class UserNamespacesTest {

    @Test
    void thisProcessIsInTheReadersOwnNamespace() throws Exception {
        assertSame(UserNamespaceChain.SAME, UserNamespaces.of((int) ProcessHandle.current().pid()));
    }

    @Test
    void aProcessThatHasExitedIsNoSuchFile() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertEquals(0, p.waitFor());
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> UserNamespaces.of((int) p.pid()));
        assertEquals("/proc/" + p.pid() + "/ns/user", e.getFile());
    }
}
