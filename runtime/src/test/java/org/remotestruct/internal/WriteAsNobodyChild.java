package org.remotestruct.internal;

import java.nio.file.Path;
import java.util.List;
import org.remotestruct.BadAddressException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.testsupport.CTarget;

/**
 * Main of the child JVM of {@link WriteAsRequesterTest} whose class path only root may read: as
 * root, it writes on behalf of nobody to a target nobody runs, once where the write lands and once
 * where the kernel refuses it (EFAULT, the errno path), so the write thread, running as nobody,
 * could load no class. Prints {@code landed}, {@code refused EFAULT} and {@code threads 2}, or what
 * went wrong.
 */
public final class WriteAsNobodyChild {

    private WriteAsNobodyChild() {
    }

    /**
     * Writes and reports.
     *
     * @param args the target binary, which nobody may run
     */
    public static void main(String[] args) throws Exception {
        List<String> asNobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        try (CTarget t = CTarget.start(asNobody, Path.of(args[0]))) {
            RemoteProcess p = RemoteProcess.attachOnBehalfOf(t.pid(), 65534, "registry owner");
            long before = RequesterThread.started();
            p.writeBytes(t.address("player") + 4, new byte[] {0x2b, 0x02, 0, 0}, 0, 4); // 555
            System.out.println(t.command("show player").contains(" hp=555 ") ? "landed" : "not landed");
            // 12 bytes into the page the target cannot fault in: the kernel fails the call with EFAULT
            long edge = CTarget.parseAddress(t.command("edge 20").split(" ")[1]);
            try {
                p.writeBytes(edge + 32, new byte[8], 0, 8);
                System.out.println("not refused");
            } catch (BadAddressException e) {
                System.out.println("refused " + Errno.name(e.errno()));
            }
            System.out.println("threads " + (RequesterThread.started() - before));
        } catch (RuntimeException | Error e) {
            e.printStackTrace(System.out);
        }
    }
}
