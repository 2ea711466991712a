package org.remotestruct.testsupport;

import org.remotestruct.PermissionDeniedException;
import org.remotestruct.RemoteProcess;

/**
 * Main of the child JVM that tests run as another user: reads 8 bytes at an address of a pid and
 * prints {@code OK}, {@code DENIED <message>} or {@code OTHER <exception>}.
 */
public final class ReadAs {

    private ReadAs() {
    }

    /**
     * Reads and reports.
     *
     * @param args pid, then the address in hex without {@code 0x}
     */
    public static void main(String[] args) {
        try {
            RemoteProcess p = RemoteProcess.attach(Integer.parseInt(args[0]));
            p.readBytes(Long.parseUnsignedLong(args[1], 16), 8);
            System.out.println("OK");
        } catch (PermissionDeniedException e) {
            System.out.println("DENIED " + e.getMessage());
        } catch (RuntimeException e) {
            System.out.println("OTHER " + e);
        }
    }
}
