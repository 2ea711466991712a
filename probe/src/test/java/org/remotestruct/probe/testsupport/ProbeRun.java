package org.remotestruct.probe.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.remotestruct.probe.Probe;

/**
 * One in-process run of the probe command line with captured output.
 *
 * @param exitCode the exit code {@code execute} returned
 * @param out what the probe printed on stdout
 * @param err what the probe printed on stderr
 */
public record ProbeRun(int exitCode, String out, String err) {

    /** Runs {@code probe <command> --registry-dir <dir> <args...>} through picocli's {@code execute}. */
    public static ProbeRun run(Path dir, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--registry-dir", dir.toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    /** Runs {@code probe <args...>} through picocli's {@code execute}. */
    public static ProbeRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Probe.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new ProbeRun(code, out.toString(), err.toString());
    }

    /** Fails unless the run exited with 0, showing its stderr. */
    public ProbeRun assertSuccess() {
        if (exitCode != 0) {
            throw new AssertionError("probe exited with " + exitCode + ": " + err);
        }
        return this;
    }
}
