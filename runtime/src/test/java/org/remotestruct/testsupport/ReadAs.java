package org.remotestruct.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.remotestruct.PermissionDeniedException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.spi.ViewSupport;

/**
 * Main of the child JVM that tests run as another user: reads 8 bytes at an address of a pid (a raw
 * read, over {@code process_vm_readv}), then the {@code struct player} there as a single read, and
 * prints {@code OK <transport of single reads> id=<the player's id>}, {@code DENIED <message>} or
 * {@code OTHER <exception>}. With a third argument {@code again} it then answers each line on stdin:
 * {@code read} reads the struct once more, {@code verify} calls {@code verifyIdentity()}.
 */
public final class ReadAs {

    private ReadAs() {
    }

    /**
     * Reads and reports.
     *
     * @param args pid, then the address in hex without {@code 0x}
     */
    public static void main(String[] args) throws IOException {
        RemoteProcess p;
        long address = Long.parseUnsignedLong(args[1], 16);
        try {
            p = RemoteProcess.attach(Integer.parseInt(args[0]));
            p.readBytes(address, 8);
        } catch (RuntimeException e) {
            System.out.println(outcome(e));
            return;
        }
        System.out.println(singleRead(p, address));
        if (args.length > 2 && args[2].equals("again")) {
            // Each line on stdin: read once more ("read"), or verify the identity first ("verify").
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("verify")) {
                    try {
                        p.verifyIdentity();
                        System.out.println("VERIFIED");
                    } catch (RuntimeException e) {
                        System.out.println(outcome(e));
                    }
                } else {
                    System.out.println(singleRead(p, address));
                }
            }
        }
    }

    private static String singleRead(RemoteProcess p, long address) {
        try {
            Player player = PlayerType.TYPE.decode(ViewSupport.readArray(p, PlayerType.LAYOUT, address, 1), 0);
            return "OK " + p.readTransport() + " id=" + player.id();
        } catch (RuntimeException e) {
            return outcome(e);
        }
    }

    private static String outcome(RuntimeException e) {
        return e instanceof PermissionDeniedException ? "DENIED " + e.getMessage() : "OTHER " + e;
    }
}
