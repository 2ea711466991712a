package org.remotestruct.samples.ipc;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.remotestruct.ipc.PullReceiver;
import org.remotestruct.ipc.PullSession;
import org.remotestruct.ipc.PulledMessage;
import org.remotestruct.ipc.TransferException;

/**
 * Listens on a unix socket and pulls every message senders offer, serving up to {@link #WORKERS}
 * senders at once, and prints one line per message: its length and checksum, never its bytes. A
 * failed session is reported and the other senders are served; a silent sender is dropped after
 * the session timeout, so it holds one worker for that long at most.
 *
 * <pre>java ... org.remotestruct.samples.ipc.IpcReceiver SOCKET [MAX_BYTES [SESSIONS [TIMEOUT_MS]]]</pre>
 */
public final class IpcReceiver {

    /** Sessions served at once; each worker has its own buffer of MAX_BYTES. */
    static final int WORKERS = 8;

    private IpcReceiver() {
    }

    /** Runs the receiver; SESSIONS (default: unlimited) bounds how many senders it serves. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: IpcReceiver SOCKET [MAX_BYTES [SESSIONS [TIMEOUT_MS]]]");
            System.exit(2);
        }
        int max = args.length > 1 ? Integer.parseInt(args[1]) : PullReceiver.DEFAULT_MAX_LENGTH;
        long sessions = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        Duration timeout = args.length > 3 ? Duration.ofMillis(Long.parseLong(args[3]))
                : PullReceiver.DEFAULT_SESSION_TIMEOUT;
        run(Path.of(args[0]), max, sessions, timeout, System.out);
    }

    /**
     * Serves {@code sessions} senders on {@code socket}, up to {@link #WORKERS} at once, dropping a
     * sender silent for {@code timeout}; writes what happens to {@code out} and returns once every
     * session has ended.
     */
    public static void run(Path socket, int maxLength, long sessions, Duration timeout, PrintStream out)
            throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(maxLength));
        try (PullReceiver receiver = PullReceiver.listen(socket, maxLength, false, timeout)) {
            out.println("listening on " + receiver.socketPath() + ", cap " + maxLength + " bytes, session timeout "
                    + timeout.toMillis() + " ms");
            for (long accepted = 0; accepted < sessions; accepted++) {
                // accept() does not throw for anything a sender does: one sender cannot stop the loop
                PullSession session = receiver.accept();
                workers.execute(() -> serve(session, buffers.get(), out));
            }
        } finally {
            workers.shutdown();
            while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                out.println("waiting for open sessions to end");
            }
        }
    }

    private static void serve(PullSession session, ByteBuffer buffer, PrintStream out) {
        int pid = session.peer().pid();
        try (session) {
            out.println("sender pid " + pid + " uid " + session.peer().uid() + " connected");
            long messages = 0;
            for (PulledMessage m = session.receive(buffer); m != null; m = session.receive(buffer)) {
                messages++;
                // The bytes are the sender's data: logged by length and checksum only.
                out.printf("pid %d seq %d: %d bytes from 0x%x, crc32c %s%n", pid, m.sequence(), m.length(),
                        m.address(), m.checksumVerified() ? String.format("0x%08x ok", m.checksum()) : "none");
            }
            out.println("sender pid " + pid + " done after " + messages + " messages");
        } catch (TransferException e) {
            // ipc messages carry numbers and escaped text only, never message bytes
            out.println("session with sender pid " + pid + " failed: " + e.getMessage());
        }
    }
}
