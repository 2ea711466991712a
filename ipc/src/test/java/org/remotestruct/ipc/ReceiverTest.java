package org.remotestruct.ipc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that run a {@link PullReceiver} in this JVM: a fresh socket directory per
 * test, the receiver closed afterwards (which also wakes an accept() stuck on a failed child).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class ReceiverTest {

    @TempDir
    Path dir;
    PullReceiver receiver;

    /** Listens on {@code name} in the test's directory. */
    PullReceiver listen(String name, int maxLength, boolean requireChecksum) {
        receiver = PullReceiver.listen(dir.resolve(name), maxLength, requireChecksum);
        return receiver;
    }

    @AfterEach
    void closeReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
