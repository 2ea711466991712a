package org.remotestruct.samples.e2e;

import java.nio.file.Path;
import org.remotestruct.PermissionDeniedException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.registry.AddressRegistry;

/**
 * Main of the child JVM that {@link RemoteFailureTest} runs as another user: reads the
 * {@link AllTypes} at an address of a pid through the generated view (or, given a registry file,
 * binds its {@code all} entry) and prints {@code OK <i32>},
 * or {@code DENIED <field>}, {@code HINT <hint>} and {@code MESSAGE <message>} lines, or
 * {@code OTHER <exception>}.
 */
public final class ReadAsOtherUser {

    private ReadAsOtherUser() {
    }

    /**
     * Reads and reports.
     *
     * @param args pid, then the address in hex without {@code 0x}; or {@code --registry} and the
     *     registry file
     */
    public static void main(String[] args) {
        try {
            AllTypes read = args[0].equals("--registry")
                    ? AddressRegistry.load(Path.of(args[1])).view("all", AllTypesRemoteView.TYPE).read()
                    : AllTypesRemoteView.at(RemoteProcess.attach(Integer.parseInt(args[0])),
                            Long.parseUnsignedLong(args[1], 16)).read();
            System.out.println("OK " + read.i32());
        } catch (PermissionDeniedException e) {
            System.out.println("DENIED " + e.field());
            System.out.println("HINT " + e.hint());
            System.out.println("MESSAGE " + e.getMessage());
        } catch (RuntimeException e) {
            System.out.println("OTHER " + e);
        }
    }
}
