package org.remotestruct.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** How many buffers a default {@link SendRing} gets: the window for small messages, a byte bound for large ones. */
class SendRingTest {

    @Test
    void smallMessagesGetOneBufferPerMessageOfTheWindow() {
        assertEquals(PullSender.DEFAULT_WINDOW, SendRing.defaultCount(PullSender.DEFAULT_WINDOW, 64 << 10));
        assertEquals(3, SendRing.defaultCount(3, 64 << 10), "never more buffers than messages in flight");
        assertEquals(1, SendRing.defaultCount(1, 16 << 20), "a window of one needs one buffer");
        assertEquals(PullSender.DEFAULT_WINDOW, SendRing.defaultCount(PullSender.DEFAULT_WINDOW, 0));
    }

    @Test
    void largeMessagesGetNoMoreBuffersThanTheRingBytesAllowButTwoUpTo64MiBInAll() {
        assertEquals(8, SendRing.defaultCount(PullSender.DEFAULT_WINDOW, 1 << 20), "8 MiB of 1-MiB buffers");
        assertEquals(4, SendRing.defaultCount(PullSender.DEFAULT_WINDOW, 2 << 20));
        assertEquals(2, SendRing.defaultCount(PullSender.DEFAULT_WINDOW, 16 << 20),
                "two 16-MiB buffers although they exceed the bound: one filled while the other is pulled");
        assertEquals(2, SendRing.defaultCount(PullSender.DEFAULT_WINDOW, 32 << 20), "two up to 64 MiB in all");
        assertEquals(1, SendRing.defaultCount(PullSender.DEFAULT_WINDOW, (32 << 20) + 1),
                "one huge buffer: never twice a huge message's direct memory");
        assertEquals(1, SendRing.defaultCount(PullSender.DEFAULT_WINDOW, Integer.MAX_VALUE));
    }

    @Test
    void aWindowBelowOneOrANegativeSizeIsRefusedWithBothValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SendRing.defaultCount(0, 4096));
        assertEquals("need window >= 1 and bufferSize >= 0, got 0 and 4096", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SendRing.defaultCount(8, -1));
    }
}
