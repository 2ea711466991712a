package org.remotestruct.samples.ipc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.remotestruct.ipc.MessageRejectedException;
import org.remotestruct.ipc.PullSender;

/**
 * Offers COUNT messages of SIZE bytes to an {@link IpcReceiver}, reusing one buffer: each {@code
 * send} returns only after the receiver has pulled the bytes, so the next message may overwrite
 * them at once.
 *
 * <pre>java ... org.remotestruct.samples.ipc.IpcSender SOCKET SIZE COUNT [--no-checksum]</pre>
 */
public final class IpcSender {

    private IpcSender() {
    }

    /** Sends the messages and prints a summary line, or the receiver's refusal (exit status 1). */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: IpcSender SOCKET SIZE COUNT [--no-checksum]");
            System.exit(2);
        }
        int size = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        boolean checksum = !(args.length > 3 && args[3].equals("--no-checksum"));
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        try (PullSender sender = PullSender.connect(Path.of(args[0]), checksum)) {
            for (int i = 0; i < count; i++) {
                fill(buffer, "message " + i + " from pid " + ProcessHandle.current().pid() + "; ");
                sender.send(buffer, size);
            }
            System.out.println("sent " + count + " messages of " + size + " bytes to receiver pid "
                    + sender.receiver().pid());
        } catch (MessageRejectedException e) {
            System.out.println("rejected " + e.reason() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** Fills the whole buffer with {@code text} repeated. */
    private static void fill(ByteBuffer buffer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, bytes[i % bytes.length]);
        }
    }
}
