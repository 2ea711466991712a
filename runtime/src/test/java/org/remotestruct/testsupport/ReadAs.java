package org.remotestruct.testsupport;

import org.remotestruct.PermissionDeniedException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.spi.ViewSupport;

/**
 * Main of the child JVM that tests run as another user: reads 8 bytes at an address of a pid (a raw
 * read, over {@code process_vm_readv}), then the {@code struct player} there as a single read, and
 * prints {@code OK <transport of single reads> id=<the player's id>}, {@code DENIED <message>} or
 * {@code OTHER <exception>}.
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
            long address = Long.parseUnsignedLong(args[1], 16);
            p.readBytes(address, 8);
            Player player = PlayerType.TYPE.decode(ViewSupport.readArray(p, PlayerType.LAYOUT, address, 1), 0);
            System.out.println("OK " + p.readTransport() + " id=" + player.id());
        } catch (PermissionDeniedException e) {
            System.out.println("DENIED " + e.getMessage());
        } catch (RuntimeException e) {
            System.out.println("OTHER " + e);
        }
    }
}
