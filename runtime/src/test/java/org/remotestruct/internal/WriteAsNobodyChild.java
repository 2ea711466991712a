package org.remotestruct.internal;

import org.remotestruct.BadAddressException;
import org.remotestruct.RemoteProcess;

/**
 * Main of the child JVMs of {@link WriteAsRequesterTest}: as root, it writes on behalf of nobody to
 * a process nobody runs, once where the write lands (hp of the player, 555) and once where the kernel
 * refuses it (EFAULT, the errno path), and prints {@code wrote}, {@code refused EFAULT},
 * {@code threads <how many writes were made on a thread as nobody>} and {@code dumpable <this
 * process's dumpable flag after them>}, or what went wrong.
 */
public final class WriteAsNobodyChild {

    private WriteAsNobodyChild() {
    }

    /**
     * Writes and reports.
     *
     * @param args the target's pid, then in hex without {@code 0x} the address of its player and
     *     that of a player only whose first 20 bytes can be accessed ({@code edge 20})
     */
    public static void main(String[] args) {
        try {
            RemoteProcess p = RemoteProcess.attachOnBehalfOf(Integer.parseInt(args[0]), 65534, "registry owner");
            long player = Long.parseUnsignedLong(args[1], 16);
            long edge = Long.parseUnsignedLong(args[2], 16);
            long before = RequesterThread.started();
            p.writeBytes(player + 4, new byte[] {0x2b, 0x02, 0, 0}, 0, 4); // 555
            System.out.println("wrote");
            try {
                p.writeBytes(edge + 32, new byte[8], 0, 8); // in the page the target cannot fault in
                System.out.println("not refused");
            } catch (BadAddressException e) {
                System.out.println("refused " + Errno.name(e.errno()));
            }
            System.out.println("threads " + (RequesterThread.started() - before));
            System.out.println("dumpable " + LibC.prctl(LibC.PR_GET_DUMPABLE, 0));
        } catch (RuntimeException | Error e) {
            e.printStackTrace(System.out);
        }
    }
}
