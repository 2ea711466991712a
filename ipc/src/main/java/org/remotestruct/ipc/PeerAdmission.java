package org.remotestruct.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.remotestruct.PermissionDeniedException;
import org.remotestruct.ProcessChangedException;
import org.remotestruct.ProcessGoneException;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.SafeText;
import org.remotestruct.ipc.internal.Errno;
import org.remotestruct.ipc.internal.PeerProc;
import org.remotestruct.ipc.internal.Pidfd;

/**
 * Decides, right after {@code accept()}, which process a connection is and attaches to it on
 * behalf of the uid that connected, so that every later pull reads only memory that uid could read
 * itself ({@link RemoteProcess#attachOnBehalfOf}, which also captures the image cookie every pull
 * carries).
 *
 * <p>The pid comes from {@code SO_PEERCRED}, a number: the connecting process may have exited and
 * its pid been reused before the attach reads {@code /proc/<pid>}. {@code SO_PEERPIDFD} (Linux
 * 6.5+) closes that gap: the pidfd pins the connecting process, so if it names the same pid and is
 * still alive after the attach, the attach looked at the connecting process. Without it (ENOPROTOOPT)
 * the fallback is weaker: the process attached to must have started before the accept, and the
 * sender's end of the connection must still be open after it. Any other doubt refuses the peer.
 */
final class PeerAdmission {

    /** Who the receiver acts for, in messages. */
    static final String REQUESTER = "IPC peer";
    /** Clock ticks per second of {@code /proc/<pid>/stat} start times (USER_HZ, 100 on Linux). */
    private static final int TICKS_PER_SECOND = 100;

    private PeerAdmission() {
    }

    /**
     * The connecting process, attached on behalf of its uid.
     *
     * @throws MessageRejectedException with sequence -1 if the peer is refused: PEER_UNIDENTIFIED,
     *     PERMISSION_DENIED (owner rule) or PROCESS_CHANGED
     * @throws PeerGoneException if it exited before it could be attached to
     */
    static RemoteProcess admit(UnixSocket socket, PeerCredentials peer) {
        return admit(socket, peer, true);
    }

    /** As {@link #admit(UnixSocket, PeerCredentials)}; {@code usePidfd} false acts as a kernel without it. */
    static RemoteProcess admit(UnixSocket socket, PeerCredentials peer, boolean usePidfd) {
        if (peer.pid() <= 0) {
            throw refused(peer, RejectReason.PEER_UNIDENTIFIED, "the kernel reports pid " + peer.pid() + " for it "
                    + "(SO_PEERCRED): it runs in a pid namespace this receiver cannot see, e.g. another container. "
                    + "Run the receiver in the sender's pid namespace or in an ancestor of it", null);
        }
        try (Pidfd pidfd = usePidfd ? peerPidfd(socket, peer) : null) {
            return pidfd != null ? attachPinned(socket, peer, pidfd) : attachByNumber(socket, peer);
        } catch (UncheckedIOException e) {
            // A /proc file that cannot be read leaves the sender unidentified: refuse it (fail closed)
            // rather than let the error escape accept().
            throw refused(peer, RejectReason.PEER_UNIDENTIFIED, "cannot inspect it: "
                    + SafeText.escape(String.valueOf(e.getMessage())), e);
        }
    }

    private static RemoteProcess attachPinned(UnixSocket socket, PeerCredentials peer, Pidfd pidfd) {
        int pinned = pidfd.pid();
        if (pinned == Pidfd.EXITED) {
            throw gone(peer, "exited right after connecting", null);
        }
        if (pinned != peer.pid()) {
            throw refused(peer, RejectReason.PEER_UNIDENTIFIED, "its pidfd (SO_PEERPIDFD) names pid " + pinned
                    + ", not the SO_PEERCRED pid", null);
        }
        RemoteProcess process = attach(peer);
        if (pidfd.exited()) {
            // alive after the attach = alive during it: its pid could not name another process meanwhile
            throw gone(peer, "exited while it was attached to; its pid may name another process now", null);
        }
        return process;
    }

    /** The fallback without SO_PEERPIDFD: a process that started after the accept cannot have connected. */
    private static RemoteProcess attachByNumber(UnixSocket socket, PeerCredentials peer) {
        long acceptedBy = bootTicksNow();
        RemoteProcess process = attach(peer);
        if (process.startTime() > acceptedBy || socket.peerHungUp()) {
            throw gone(peer, "exited before it was attached to (its pid now names a process started at tick "
                    + process.startTime() + ", or its end of the connection is closed)", null);
        }
        return process;
    }

    private static Pidfd peerPidfd(UnixSocket socket, PeerCredentials peer) {
        try {
            return socket.peerPidfd();
        } catch (IpcSocketException e) {
            if (e.errno() == Errno.EINVAL || e.errno() == Errno.ESRCH) {
                throw gone(peer, "exited right after connecting (no pidfd for it)", e);
            }
            throw refused(peer, RejectReason.PEER_UNIDENTIFIED, e.getMessage(), e);
        }
    }

    private static RemoteProcess attach(PeerCredentials peer) {
        try {
            // The gid that connected, as the kernel would compare the caller's real gid.
            RemoteProcess process = RemoteProcess.attachOnBehalfOf(peer.pid(), peer.uid(), Set.of(peer.gid()),
                    REQUESTER);
            requireWhollyRoot(peer);
            return process;
        } catch (ProcessGoneException e) {
            throw gone(peer, "exited right after connecting", e);
        } catch (PermissionDeniedException e) {
            throw refused(peer, RejectReason.PERMISSION_DENIED, SafeText.escape(e.getMessage()), e);
        } catch (ProcessChangedException e) { // it exec'd while being attached to
            throw refused(peer, RejectReason.PROCESS_CHANGED, SafeText.escape(e.getMessage()), e);
        } catch (RemoteAccessException e) {
            throw refused(peer, RejectReason.PEER_UNIDENTIFIED, SafeText.escape(e.getMessage()), e);
        }
    }

    /**
     * The owner rule trusts uid 0 without looking further; a sender that connected with effective
     * uid 0 must then also have real, saved and filesystem uid 0. Otherwise it is a setuid-root
     * program run by another user, whose invoker may steer what it announces: refused, so that for
     * every sender all four uids equal the {@code SO_PEERCRED} uid.
     */
    private static void requireWhollyRoot(PeerCredentials peer) {
        if (peer.uid() != 0) {
            return; // the owner rule compared all four uids already
        }
        PeerProc.Uids uids;
        try {
            uids = PeerProc.uids(peer.pid());
        } catch (IOException e) {
            throw gone(peer, "exited while it was attached to", e);
        }
        if (!uids.allFourEqual(0)) {
            throw refused(peer, RejectReason.PERMISSION_DENIED, "it connected as uid 0 but runs setuid-root for uid "
                    + uids.real() + " (uids: real " + uids.real() + ", effective " + uids.effective() + ", saved "
                    + uids.saved() + ", fs " + uids.fs() + "): its invoker could steer what it announces", null);
        }
    }

    /** Now, in the clock ticks since boot that {@code /proc/<pid>/stat} start times count. */
    private static long bootTicksNow() {
        try {
            String uptime = Files.readString(Path.of("/proc/uptime"), StandardCharsets.US_ASCII);
            return parseUptimeTicks(uptime);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/uptime", e);
        }
    }

    /** The first field of {@code /proc/uptime} ("12345.67 ...", seconds since boot) in ticks. */
    static long parseUptimeTicks(String uptime) {
        String seconds = uptime.trim().split(" ")[0];
        int dot = seconds.indexOf('.');
        long whole = Long.parseLong(dot < 0 ? seconds : seconds.substring(0, dot));
        long hundredths = dot < 0 ? 0 : Long.parseLong((seconds.substring(dot + 1) + "00").substring(0, 2));
        return whole * TICKS_PER_SECOND + hundredths * TICKS_PER_SECOND / 100;
    }

    private static MessageRejectedException refused(PeerCredentials peer, RejectReason reason, String why,
            Throwable cause) {
        return new MessageRejectedException("refused sender pid " + peer.pid() + " (uid " + peer.uid() + ") when it "
                + "connected: " + reason.text() + ": " + why, reason, peer.pid(), -1, -1, -1, cause);
    }

    private static PeerGoneException gone(PeerCredentials peer, String what, Throwable cause) {
        return new PeerGoneException("sender pid " + peer.pid() + " " + what, peer.pid(), -1, -1, -1, cause);
    }
}
