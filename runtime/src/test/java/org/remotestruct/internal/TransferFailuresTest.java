package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotestruct.BadAddressException;
import org.remotestruct.PartialTransferException;
import org.remotestruct.PartialWriteException;
import org.remotestruct.PermissionDeniedException;
import org.remotestruct.ProcessGoneException;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.UnsupportedSyscallException;
import org.remotestruct.internal.TransferFailures.Direction;
import org.remotestruct.testsupport.PlayerType;

/** errno and short-count mapping, with injected results instead of a failing kernel. */
class TransferFailuresTest {

    private static final long AT = 0x7f0000001000L;
    private static final int PID = 4321;
    private static final TransferTarget PLAYER =
            new TransferTarget.Struct("", PlayerType.LAYOUT, AT, TransferTarget.byOffset(PlayerType.LAYOUT));
    /** The two spans of a whole-struct read: [0, 40) and [640, 648). */
    private static final List<Segment> SPANS = List.of(new Segment(PLAYER, 0, 40), new Segment(PLAYER, 640, 8));

    private static RemoteAccessException fail(Direction d, long before, long result) {
        return TransferFailures.of(d, PID, SPANS, before, result, pid -> "HINT for " + pid);
    }

    @Test
    void esrchIsProcessGoneNamingPidAndAddressButNoFieldOfAWholeStructRead() {
        ProcessGoneException e = assertInstanceOf(ProcessGoneException.class, fail(Direction.READ, 0, -Errno.ESRCH));
        assertEquals(PID, e.pid());
        assertEquals(AT, e.address());
        assertEquals(48, e.length());
        assertEquals(null, e.field());
        assertTrue(e.getMessage().contains("reading struct player"), e.getMessage());
        assertEquals(Errno.ESRCH, e.errno());
        assertFalse(e.pidReused());
        assertTrue(e.getMessage().contains("pid 4321") && e.getMessage().contains("0x7f0000001000"), e.getMessage());
    }

    @Test
    void epermIsPermissionDeniedCarryingTheDiagnosis() {
        PermissionDeniedException e =
                assertInstanceOf(PermissionDeniedException.class, fail(Direction.READ, 0, -Errno.EPERM));
        assertEquals("HINT for 4321", e.hint());
        assertTrue(e.getMessage().endsWith("HINT for 4321"), e.getMessage());
        assertTrue(e.getMessage().contains("reading struct player (648 bytes at 0x7f0000001000)"), e.getMessage());
        assertEquals(null, e.field());
    }

    @Test
    void processLevelFailureOfASingleFieldReadNamesThatField() {
        List<Segment> hpOnly = List.of(new Segment(PLAYER, 4, 4));
        RemoteAccessException e = TransferFailures.of(Direction.READ, PID, hpOnly, 0, -Errno.EPERM, pid -> "HINT");
        assertEquals("hp", e.field());
        assertTrue(e.getMessage().contains("field 'hp' of struct player"), e.getMessage());
    }

    @Test
    void efaultWithNothingTransferredIsBadAddressNamingTheFirstField() {
        BadAddressException e = assertInstanceOf(BadAddressException.class, fail(Direction.WRITE, 0, -Errno.EFAULT));
        assertEquals("id", e.field());
        assertTrue(e.getMessage().contains("not writable"), e.getMessage());
    }

    @Test
    void efaultAfterAnEarlierCallSucceededIsAPartialTransfer() {
        PartialTransferException e =
                assertInstanceOf(PartialTransferException.class, fail(Direction.READ, 40, -Errno.EFAULT));
        assertEquals("level", e.field());
        assertEquals(0, e.failedFieldBytes());
        assertEquals(AT + 640, e.address());
        assertEquals(List.of("level", "flags"), e.notAttemptedFields(), "level got none of its bytes");
    }

    @Test
    void aWriteStoppedAtAFieldsFirstByteListsItAsNotWrittenAndNotTorn() {
        PartialWriteException e = assertInstanceOf(PartialWriteException.class, fail(Direction.WRITE, 0, 4));
        assertEquals("hp", e.field());
        assertEquals(0, e.failedFieldBytes());
        assertEquals(List.of("id"), e.completeFields());
        assertEquals(List.of("hp", "speed", "name", "score", "level", "flags"), e.notAttemptedFields());
        assertTrue(e.getMessage().contains("Not written: [hp, speed, name, score, level, flags]."), e.getMessage());
        assertFalse(e.getMessage().contains("got only its first"), e.getMessage());
    }

    @Test
    void aWriteTornInsideAFieldDoesNotListItAsNotWritten() {
        PartialWriteException e = assertInstanceOf(PartialWriteException.class, fail(Direction.WRITE, 0, 6));
        assertEquals(List.of("speed", "name", "score", "level", "flags"), e.notAttemptedFields());
        assertTrue(e.getMessage().contains("Field 'hp' got only its first 2 of 4 bytes"), e.getMessage());
    }

    @Test
    void enosysIsUnsupportedSyscall() {
        RemoteAccessException e = fail(Direction.READ, 0, -Errno.ENOSYS);
        assertInstanceOf(UnsupportedSyscallException.class, e);
        assertTrue(e.getMessage().contains("process_vm_readv is not available"), e.getMessage());
    }

    @Test
    void einvalEnomemAndUnknownErrnosAreRemoteAccessExceptionsWithTheirName() {
        for (int errno : new int[] {Errno.EINVAL, Errno.ENOMEM, 99}) {
            RemoteAccessException e = fail(Direction.READ, 0, -errno);
            assertEquals(RemoteAccessException.class, e.getClass());
            assertEquals(errno, e.errno());
            assertTrue(e.getMessage().contains(Errno.name(errno)), e.getMessage());
            assertTrue(e.getMessage().contains("pid 4321"), e.getMessage());
        }
    }

    @Test
    void shortReadInsideTheSecondSpanNamesTheFieldAndByte() {
        PartialTransferException e =
                assertInstanceOf(PartialTransferException.class, fail(Direction.READ, 0, 46));
        assertEquals("flags", e.field());
        assertEquals(2, e.failedFieldBytes());
        assertEquals(AT + 646, e.address());
        assertEquals(List.of("id", "hp", "speed", "name", "score", "level"), e.completeFields());
        assertEquals(List.of(), e.notAttemptedFields());
        assertEquals(RemoteAccessException.NO_ERRNO, e.errno());
    }

    @Test
    void shortWriteIsPartialWrite() {
        PartialWriteException e = assertInstanceOf(PartialWriteException.class, fail(Direction.WRITE, 0, 6));
        assertEquals("hp", e.field());
        assertEquals(2, e.failedFieldBytes());
        assertEquals(List.of("id"), e.completeFields());
    }

    @Test
    void shortReadInPaddingNamesNoField() {
        TransferTarget padded = new TransferTarget.Struct("", PlayerType.LAYOUT, AT, new int[] {0, 5});
        ShortTransfer s = ShortTransfer.analyse(List.of(new Segment(padded, 0, 648)), 100);
        assertNull(s.failedField());
        assertEquals(List.of("id"), s.complete());
        assertEquals(List.of("level"), s.notAttempted());
    }
}
