package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;
import org.remotestruct.SyscallCounts;
import org.remotestruct.annotations.CType;

/**
 * A scatter read past the kernel's iovec limit with unreadable structs in both of its calls: every
 * other struct arrives, each unreadable one fails alone, and the calls are the documented
 * {@code parts + dangling} (real {@code process_vm_readv}s of this JVM's own memory).
 */
class ScatterReadTest {

    private static final StructLayout WORD = StructLayout.of("word", 8,
            List.of(new FieldLayout("value", 0, CType.INT64, 1, 8, false, null, null)));

    @Test
    void unreadableStructsFailAloneAndEachCostsOneMoreCallPastTheIovecLimitToo() {
        int n = 1500; // two calls: 1023 structs (the cookie takes the 1024th iovec), then 477
        NativeBlock words = new NativeBlock(8L * n);
        List<ScatterRead.Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.buffer().putLong(8 * i, 1000L + i);
            // page 0 is never mapped: items 5 (first call) and 1200 (second call) dangle
            long address = i == 5 || i == 1200 ? 0x10L : words.address() + 8L * i;
            items.add(new ScatterRead.Item(WORD, address));
        }
        RemoteProcess self = RemoteProcess.self();
        long before = SyscallCounts.reads();
        ScatterRead.Result r = ScatterRead.read(self.pid(), ProcessImages.cookieOf(self), items);
        // 1 (stops at 5), then 6..1499 in two: the first whole, the second stops at 1200; then 1201..1499
        assertEquals(4, r.calls());
        assertEquals(4, SyscallCounts.reads() - before);
        for (int i = 0; i < n; i++) {
            if (i == 5 || i == 1200) {
                assertNotNull(r.errors()[i], "item " + i);
                assertTrue(r.errors()[i].getMessage().contains("struct word (8 bytes at 0x10)"),
                        r.errors()[i].getMessage());
            } else {
                assertNull(r.errors()[i], "item " + i);
                assertEquals(1000L + i, r.data().getLong(r.offsets()[i]), "item " + i);
            }
        }
    }

    @Test
    void nothingUnreadableIsOneCallPerKernelLimitedPart() {
        NativeBlock words = new NativeBlock(8L * 3);
        List<ScatterRead.Item> items = List.of(new ScatterRead.Item(WORD, words.address()),
                new ScatterRead.Item(WORD, words.address() + 16), new ScatterRead.Item(WORD, words.address() + 8));
        RemoteProcess self = RemoteProcess.self();
        long before = SyscallCounts.reads();
        ScatterRead.Result r = ScatterRead.read(self.pid(), ProcessImages.cookieOf(self), items);
        assertEquals(1, r.calls());
        assertEquals(1, SyscallCounts.reads() - before);
    }
}
