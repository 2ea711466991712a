package org.remotestruct.samples.ipc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.remotestruct.ipc.MessageRejectedException;
import org.remotestruct.ipc.PullSender;
import org.remotestruct.ipc.SendRing;

/**
 * Offers COUNT messages of SIZE bytes to an {@link IpcReceiver} through a {@link SendRing}: the
 * sender writes the next message into a free buffer of the ring while the receiver still pulls the
 * ones announced before (up to the window), and a buffer is handed out again only once the
 * receiver has acknowledged the message it carried.
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
        try (PullSender sender = PullSender.connect(Path.of(args[0]), checksum)) {
            SendRing ring = new SendRing(sender, size);
            for (int i = 0; i < count; i++) {
                ByteBuffer buffer = ring.claim();
                fill(buffer, "message " + i + " from pid " + ProcessHandle.current().pid() + "; ");
                ring.post();
            }
            sender.flush(); // every message acknowledged: "sent" below is true
            System.out.println("sent " + count + " messages of " + size + " bytes to receiver pid "
                    + sender.receiver().pid());
        } catch (MessageRejectedException e) {
            System.out.println("rejected " + e.reason() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** Fills the whole buffer with {@code text} repeated, leaving its position at the end. */
    private static void fill(ByteBuffer buffer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, bytes[i % bytes.length]);
        }
        buffer.position(buffer.capacity());
    }
}
