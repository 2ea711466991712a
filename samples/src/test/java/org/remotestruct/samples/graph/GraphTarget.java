package org.remotestruct.samples.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running graph_target: {@code src/test/c/graph_target.c} compiled on first use against the
 * headers the processor generated for {@link GNode} and {@link Leaf}, so C and Java agree on every
 * offset. It prints the root of each of its graphs and waits.
 */
final class GraphTarget implements AutoCloseable {

    private static final Path SOURCE = Path.of("src/test/c/graph_target.c");
    private static final Path WORK = Path.of("target/graph-target");
    private static Path binary;

    private final Process process;
    private final Map<String, Long> roots = new HashMap<>();

    private GraphTarget(Process process) throws IOException {
        this.process = process;
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII));
        for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
            if (line == null) {
                throw new IllegalStateException("graph_target exited before 'ready'; see its stderr above");
            }
            String[] words = line.split(" ", 2);
            roots.put(words[0], Long.parseUnsignedLong(words[1].substring(2), 16));
        }
    }

    /** Compiles the target if needed and starts it. */
    static GraphTarget start() {
        try {
            return new GraphTarget(new ProcessBuilder(binary().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path binary() throws IOException {
        if (binary == null) {
            Files.createDirectories(WORK);
            Path exe = WORK.resolve("graph_target").toAbsolutePath();
            Process cc = new ProcessBuilder("cc", "-std=c11", "-D_DEFAULT_SOURCE", "-Wall", "-Wextra", "-Werror",
                    "-I" + headerDir(), "-o", exe.toString(), SOURCE.toString()).redirectErrorStream(true).start();
            String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (cc.waitFor() != 0) {
                    throw new IllegalStateException("cc failed for " + SOURCE + ":\n" + log);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            binary = exe;
        }
        return binary;
    }

    /** Where the processor wrote {@code gnode.h}: the test class output's remotestruct/include. */
    private static Path headerDir() {
        URL url = GraphTarget.class.getClassLoader().getResource("remotestruct/include/gnode.h");
        if (url == null) {
            throw new IllegalStateException("no remotestruct/include/gnode.h on the test classpath");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes the target exec sleep(1): same pid, another program image. Returns once the pid's
     * executable is no longer graph_target.
     */
    void execSleep() throws IOException, InterruptedException {
        process.getOutputStream().write("exec\n".getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().flush();
        Path exe = Path.of("/proc", Integer.toString(pid()), "exe");
        for (int i = 0; i < 500 && Files.readSymbolicLink(exe).toString().endsWith("graph_target"); i++) {
            Thread.sleep(10);
        }
        if (Files.readSymbolicLink(exe).toString().endsWith("graph_target")) {
            throw new IllegalStateException("graph_target did not exec within 5 s");
        }
    }

    int pid() {
        return (int) process.pid();
    }

    /** The address the target printed for {@code name} ({@code list}, {@code tree}, ...). */
    long address(String name) {
        Long a = roots.get(name);
        if (a == null) {
            throw new IllegalArgumentException("graph_target printed no '" + name + "'; it printed " + roots.keySet());
        }
        return a;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
