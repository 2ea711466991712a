package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** uid 65534 as another local user in the registry tests: commands run through setpriv. */
final class Nobody {

    /** The command prefix that runs the rest as uid and gid 65534 without supplementary groups. */
    static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
    static final int UID = 65534;

    private Nobody() {
    }

    /** Makes {@code dir} (a JUnit temp dir, private to root) searchable and readable by nobody. */
    static void mayEnter(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs {@code command}, as nobody if {@code asNobody}; what it printed (stdout and stderr) and its exit status. */
    static Result run(boolean asNobody, List<String> command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(asNobody ? AS_NOBODY : List.of());
        c.addAll(command);
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not exit: " + c + "\n" + out);
        return new Result(out, p.exitValue());
    }

    /** What a command printed and its exit status. */
    record Result(String output, int status) {
    }
}
