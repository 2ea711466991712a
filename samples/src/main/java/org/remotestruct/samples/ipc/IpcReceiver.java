package org.remotestruct.samples.ipc;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.remotestruct.ipc.PullReceiver;
import org.remotestruct.ipc.PullSession;
import org.remotestruct.ipc.PulledMessage;
import org.remotestruct.ipc.TransferException;

/**
 * Listens on a unix socket and pulls every message senders offer, printing one line per message.
 * A failed session is reported and the next sender is served.
 *
 * <pre>java ... org.remotestruct.samples.ipc.IpcReceiver SOCKET [MAX_BYTES [SESSIONS]]</pre>
 */
public final class IpcReceiver {

    private IpcReceiver() {
    }

    /** Runs the receiver; SESSIONS (default: unlimited) bounds how many senders it serves. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: IpcReceiver SOCKET [MAX_BYTES [SESSIONS]]");
            System.exit(2);
        }
        int max = args.length > 1 ? Integer.parseInt(args[1]) : PullReceiver.DEFAULT_MAX_LENGTH;
        long sessions = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        run(Path.of(args[0]), max, sessions, System.out);
    }

    /** Serves {@code sessions} senders on {@code socket}, writing what happens to {@code out}. */
    public static void run(Path socket, int maxLength, long sessions, PrintStream out) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(maxLength); // reused for every message
        try (PullReceiver receiver = PullReceiver.listen(socket, maxLength, false)) {
            out.println("listening on " + receiver.socketPath() + ", cap " + maxLength + " bytes");
            for (long served = 0; served < sessions; served++) {
                serve(receiver, buffer, out);
            }
        }
    }

    private static void serve(PullReceiver receiver, ByteBuffer buffer, PrintStream out) {
        try (PullSession session = receiver.accept()) {
            int pid = session.peer().pid();
            out.println("sender pid " + pid + " uid " + session.peer().uid() + " connected");
            long messages = 0;
            for (PulledMessage m = session.receive(buffer); m != null; m = session.receive(buffer)) {
                messages++;
                out.printf("pid %d seq %d: %d bytes from 0x%x, crc32c %s, starts \"%s\"%n", pid, m.sequence(),
                        m.length(), m.address(), m.checksumVerified() ? "ok" : "none", preview(buffer));
            }
            out.println("sender pid " + pid + " done after " + messages + " messages");
        } catch (TransferException e) {
            out.println("session failed: " + e.getMessage());
        }
    }

    /** Up to 24 printable ASCII characters from the start of the message. */
    private static String preview(ByteBuffer buffer) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(24, buffer.limit()); i++) {
            int c = buffer.get(i) & 0xff;
            text.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return text.toString();
    }
}
