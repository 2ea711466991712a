package org.remotestruct.samples.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running copy of {@code src/test/c/hostile_target.c}, compiled on first use against the generated
 * {@code Player.h} and the shipped {@code remotestruct.h}: it publishes an entry of millions of
 * {@code Player}s over untouched {@code PROT_READ|MAP_NORESERVE} memory, which costs it nothing.
 */
public final class HostileTarget implements AutoCloseable {

    private static final Path SOURCE = Path.of("src/test/c/hostile_target.c");
    private static Path binary;

    private final Process process;
    private final Path registryFile;

    private HostileTarget(Process process, Path registryFile) {
        this.process = process;
        this.registryFile = registryFile;
    }

    private static synchronized Path binary() throws IOException, InterruptedException {
        if (binary == null) {
            Path exe = Path.of("target/hostile/hostile_target").toAbsolutePath();
            Files.createDirectories(exe.getParent());
            Process cc = new ProcessBuilder("cc", "-std=c11", "-D_GNU_SOURCE", "-Wall", "-Wextra", "-Werror",
                    "-Itarget/generated-headers", "-I../runtime/src/main/resources/remotestruct", "-o", exe.toString(),
                    SOURCE.toString()).redirectErrorStream(true).start();
            String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (cc.waitFor() != 0) {
                throw new IllegalStateException("cc failed for " + SOURCE + ":\n" + log);
            }
            binary = exe;
        }
        return binary;
    }

    /** Starts one publishing {@code <dir>/<name>.registry} with {@code count} players and waits until it has. */
    public static HostileTarget start(Path dir, String name, long count) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(binary().toString(), dir.toString(), name, Long.toString(count)))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.startsWith("ready ")) {
            p.destroyForcibly();
            throw new IllegalStateException("hostile_target did not start: " + line);
        }
        return new HostileTarget(p, Path.of(line.substring("ready ".length())));
    }

    /** Its pid. */
    public long pid() {
        return process.pid();
    }

    /** The registry it published. */
    public Path registryFile() {
        return registryFile;
    }

    /** Closes its stdin, so it exits and removes its registry; kills it if it does not. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
