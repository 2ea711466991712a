package org.remotestruct.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.remotestruct.ipc.PeerPrograms.NOBODY;
import static org.remotestruct.ipc.PeerPrograms.OTHER_UID;
import static org.remotestruct.ipc.PeerPrograms.SECRET;
import static org.remotestruct.ipc.PeerPrograms.ackHex;
import static org.remotestruct.ipc.PeerPrograms.helloHex;
import static org.remotestruct.ipc.PeerPrograms.asNobody;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.remotestruct.RemoteProcess;
import org.remotestruct.ipc.internal.PeerProc;

/**
 * A root receiver whose socket another user (nobody) may connect to reads only memory that user
 * could read itself, and lets nothing of what it refuses out: not in a delivered message, an ack or
 * an error message. The attackers are real C processes ({@code ipc_peer.c}) started with {@code
 * setpriv}, forking and exec'ing setuid copies the test installed.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UntrustedSenderTest {

    private static PeerPrograms programs;
    private PullReceiver receiver;

    @BeforeAll
    static void installPeerPrograms() throws Exception {
        programs = PeerPrograms.install();
    }

    @AfterAll
    static void removePeerPrograms() throws Exception {
        programs.close();
    }

    @AfterEach
    void closeReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aSenderWhoseParentExecdASetuidProgramBeforeTheAcceptIsRefusedAndLearnsNothingOfItsMemory()
            throws Exception {
        listenOpenToNobody("before.sock");
        try (ChildProcess attacker = ChildProcess.run(asNobody(programs.peer, "attack", receiver.socketPath(),
                programs.setuidRoot))) {
            assertEquals("connected", attacker.readLine());
            attacker.tell("go"); // fork: the parent, which connected, execs the setuid program
            Secret secret = Secret.announcedBy(attacker, 0);
            try (PullSession session = receiver.accept()) {
                assertEquals(NOBODY, session.peer().uid());
                // the child, holding the socket, points at the secret
                MessageRejectedException e = refusedPull(session, secret, () -> attacker.tell(secret.announcement()));
                assertEquals(helloHex(RejectReason.PERMISSION_DENIED), attacker.readLine());
                assertEquals(RejectReason.PERMISSION_DENIED, e.reason());
                assertEquals(attacker.pid(), e.peerPid());
                assertTrue(e.getMessage().contains("when it connected"), e.getMessage());
                assertTrue(e.getMessage().contains("target runs setuid: euid 0 ≠ IPC peer " + NOBODY), e.getMessage());
                secret.assertNowhereIn(e, secret.dst);
            }
        }
    }

    @Test
    void aSenderWhoseParentExecsASetuidProgramAfterTheAcceptIsRefusedAtThePullAndLearnsNothing() throws Exception {
        listenOpenToNobody("after.sock");
        try (ChildProcess attacker = ChildProcess.run(asNobody(programs.peer, "attack", receiver.socketPath(),
                programs.setuidRoot))) {
            assertEquals("connected", attacker.readLine());
            try (PullSession session = receiver.accept()) { // attached for nobody: nobody's own process
                attacker.tell("go");
                Secret secret = Secret.announcedBy(attacker, 0);
                MessageRejectedException e = refusedPull(session, secret, () -> attacker.tell(secret.announcement()));
                assertEquals(ackHex(0, RejectReason.PERMISSION_DENIED, 0), attacker.readLine());
                assertEquals(RejectReason.PERMISSION_DENIED, e.reason());
                assertEquals(0, e.sequence());
                // exec'ing a setuid program made it non-dumpable; the cookie would have refused it next
                assertTrue(e.getMessage().contains("the sender is no longer dumpable: /proc/" + attacker.pid()
                        + "/stat belongs to uid 0"), e.getMessage());
                secret.assertNowhereIn(e, secret.dst);
            }
        }
    }

    @Test
    void aSenderThatMakesItselfNonDumpableAfterTheAcceptIsRefusedAtThePull() throws Exception {
        listenOpenToNobody("undumpable.sock");
        try (ChildProcess peer = ChildProcess.run(asNobody(programs.peer, "undumpable", receiver.socketPath()))) {
            Secret secret = Secret.announcedBy(peer, NOBODY);
            assertEquals("connected", peer.readLine());
            try (PullSession session = receiver.accept()) { // dumpable now: admitted
                // prctl(PR_SET_DUMPABLE, 0) changes no image cookie: only the per-pull check sees it
                MessageRejectedException e = refusedPull(session, secret, () -> peer.tell("go"));
                assertEquals(ackHex(0, RejectReason.PERMISSION_DENIED, 0), peer.readLine());
                assertEquals(RejectReason.PERMISSION_DENIED, e.reason());
                assertTrue(e.getMessage().contains("the sender is no longer dumpable"), e.getMessage());
                secret.assertNowhereIn(e, secret.dst);
            }
            assertEquals(0, peer.waitFor());
        }
    }

    @Test
    void aSenderWhoseParentExecsAnotherProgramAfterTheAcceptIsRefusedAsChangedAndItsBytesAreDiscarded()
            throws Exception {
        listenOpenToNobody("exec.sock");
        try (ChildProcess attacker = ChildProcess.run(asNobody(programs.peer, "attack", receiver.socketPath(),
                programs.plain))) {
            assertEquals("connected", attacker.readLine());
            try (PullSession session = receiver.accept()) {
                attacker.tell("go"); // the new image runs as nobody and is dumpable: only the cookie differs
                Secret secret = Secret.announcedBy(attacker, NOBODY);
                MessageRejectedException e = refusedPull(session, secret, () -> attacker.tell(secret.announcement()));
                assertEquals(ackHex(0, RejectReason.PROCESS_CHANGED, 0), attacker.readLine());
                assertEquals(RejectReason.PROCESS_CHANGED, e.reason());
                assertTrue(e.getMessage().contains("now runs another program (exec)"), e.getMessage());
                secret.assertNowhereIn(e, secret.dst);
            }
        }
    }

    @Test
    void aSetuidProgramThatConnectsIsRefusedBecauseItsRealUidIsNotTheUidItConnectedAs() throws Exception {
        // Run by nobody, setuid to OTHER_UID: SO_PEERCRED says OTHER_UID, which could not read it.
        assertSelfAnnouncingPeerRefused(programs.setuidOther, OTHER_UID, RejectReason.PERMISSION_DENIED,
                helloHex(RejectReason.PERMISSION_DENIED), "target runs as another user: uid " + NOBODY + " ≠ IPC peer " + OTHER_UID);
    }

    @Test
    void aSetuidRootProgramRunByAnotherUserIsNotTrustedAsRootThoughItConnectsAsUid0() throws Exception {
        // SO_PEERCRED reports the effective uid, 0
        assertSelfAnnouncingPeerRefused(programs.setuidRoot, 0, RejectReason.PERMISSION_DENIED,
                helloHex(RejectReason.PERMISSION_DENIED), "it connected as uid 0 but runs setuid-root for uid " + NOBODY);
    }

    @Test
    void aChecksumMismatchIsAckedAsMismatchOnlyNeverWithTheReceiversChecksum() throws Exception {
        // nobody announces its own secret with a wrong CRC32C: readable, so it is pulled and compared
        assertSelfAnnouncingPeerRefused(programs.peer, NOBODY, RejectReason.CHECKSUM_MISMATCH,
                ackHex(0, RejectReason.CHECKSUM_MISMATCH, 0), "not the 0x00000000 the sender claimed");
    }

    @Test
    void aSenderRunningAsRootOfAUserNamespaceRootCreatedForItsUidIsRefusedAsTheKernelRefusesThatUid()
            throws Exception {
        // It connects as nobody and holds every capability in a namespace nobody did not create.
        listenOpenToNobody("roots-namespace.sock");
        assertSelfAnnouncingPeerRefused(programs.inRootsNamespaceAsNobody(programs.peer, "secret",
                receiver.socketPath()), NOBODY, RejectReason.PERMISSION_DENIED,
                helloHex(RejectReason.PERMISSION_DENIED),
                "target runs in a user namespace of uid 0, not one the IPC peer " + NOBODY + " created");
    }

    @Test
    void aSenderRunningAsRootOfAUserNamespaceItsUidCreatedIsPulledFrom() throws Exception {
        // A rootless container's root: nobody holds every capability there, so it is admitted and its
        // secret pulled; the wrong CRC32C it announces makes the pull's outcome visible.
        listenOpenToNobody("nobodys-namespace.sock");
        assertSelfAnnouncingPeerRefused(
                PeerPrograms.inNobodysNamespace(programs.peer, "secret", receiver.socketPath()), NOBODY, RejectReason.CHECKSUM_MISMATCH, ackHex(0, RejectReason.CHECKSUM_MISMATCH, 0),
                "not the 0x00000000 the sender claimed");
    }

    /** The check below of {@code program} run as nobody. */
    private void assertSelfAnnouncingPeerRefused(Path program, int euid, RejectReason reason, String answer,
            String why) throws Exception {
        listenOpenToNobody(program.getFileName() + ".sock");
        assertSelfAnnouncingPeerRefused(asNobody(program, "secret", receiver.socketPath()), euid, reason, answer, why);
    }

    /**
     * Runs {@code command}, which runs {@code ipc_peer secret SOCKET} for the listening receiver: a
     * peer whose effective uid is {@code euid} and that connects and announces its own secret. Checks
     * that it is refused for {@code reason}, with exactly {@code answer} sent to it (the HELLO reply
     * for a refusal when it connected, else the ACK), {@code why} in the message, and that nothing of
     * the secret is left.
     */
    private void assertSelfAnnouncingPeerRefused(List<String> command, int euid, RejectReason reason, String answer,
            String why) throws Exception {
        try (ChildProcess peer = ChildProcess.run(command)) {
            Secret secret = Secret.announcedBy(peer, euid);
            try (PullSession session = receiver.accept()) {
                assertEquals(euid, session.peer().uid());
                MessageRejectedException e = refusedPull(session, secret, () -> { }); // it announced itself
                assertEquals(answer, peer.readLine());
                assertEquals(reason, e.reason());
                assertTrue(e.getMessage().contains(why), e.getMessage());
                secret.assertNowhereIn(e, secret.dst);
            }
            assertEquals(0, peer.waitFor());
        }
    }

    private void listenOpenToNobody(String name) throws Exception {
        receiver = PullReceiver.listen(programs.socketDir.resolve(name), 1 << 20, false);
        PeerPrograms.openToNobody(receiver.socketPath());
    }

    /** What {@code announce} does, in a test. */
    private interface Announcement {
        void run() throws Exception;
    }

    /**
     * Receives in the background while the secret is announced, and returns the refusal. (Waiting
     * for the ack before receiving would hang where the receiver acks only in receive.)
     */
    private static MessageRejectedException refusedPull(PullSession session, Secret secret, Announcement announce)
            throws Exception {
        CompletableFuture<PulledMessage> received = CompletableFuture.supplyAsync(() -> session.receive(secret.dst));
        announce.run();
        ExecutionException e = assertThrows(ExecutionException.class, () -> received.get(60, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof MessageRejectedException, String.valueOf(e.getCause()));
        return (MessageRejectedException) e.getCause();
    }

    /** The secret a peer printed ("secret ADDR LEN"), checked to be really there, and a buffer to pull into. */
    private static final class Secret {
        final String address;
        final String length;
        final ByteBuffer dst = ByteBuffer.allocateDirect(4096);

        private Secret(String address, String length) {
            this.address = address;
            this.length = length;
        }

        /**
         * Reads the line, and proves the attack would work: root reads {@link PeerPrograms#SECRET}
         * there, in a process whose effective uid is {@code euid}.
         */
        static Secret announcedBy(ChildProcess peer, int euid) throws Exception {
            String[] words = peer.readLine().split(" ");
            assertEquals(List.of("secret", Integer.toString(SECRET.length)), List.of(words[0], words[2]));
            long address = Long.parseUnsignedLong(words[1].substring(2), 16);
            assertArrayEquals(SECRET, RemoteProcess.attach((int) peer.pid()).readBytes(address, SECRET.length));
            assertEquals(euid, PeerProc.uids((int) peer.pid()).effective());
            return new Secret(words[1], words[2]);
        }

        String announcement() {
            return address + " " + length;
        }

        /** Neither the buffer nor any message of the exception chain holds the secret or its CRC32C. */
        void assertNowhereIn(Throwable e, ByteBuffer buffer) {
            ByteBuffer whole = buffer.duplicate().clear(); // a refused receive leaves the limit at 0
            for (int i = 0; i < whole.capacity(); i++) {
                assertEquals(0, whole.get(i), "byte " + i + " of the receiver's buffer");
            }
            CRC32C crc = new CRC32C();
            crc.update(SECRET);
            long sum = crc.getValue();
            List<String> forms = List.of("SECRET", String.format("%08x", sum), String.format("%08X", sum),
                    Long.toString(sum), Integer.toString((int) sum));
            for (Throwable t = e; t != null; t = t.getCause()) {
                for (String form : forms) {
                    assertFalse(String.valueOf(t.getMessage()).contains(form), form + " in " + t.getMessage());
                }
            }
        }
    }
}
