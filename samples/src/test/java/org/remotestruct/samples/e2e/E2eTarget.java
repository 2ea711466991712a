package org.remotestruct.samples.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running e2e_target: {@code src/test/c/e2e_target.c} compiled on first use with
 * {@code cc -std=c11 -Wall -Wextra -Werror} against the headers the processor generated for
 * {@link AllTypes} and {@link Vec3} (found on the test classpath, where the processor put them) and
 * the {@code remotestruct.h} the runtime jar ships. It publishes a registry and answers commands.
 */
final class E2eTarget implements AutoCloseable {

    private static final Path SOURCE = Path.of("src/test/c/e2e_target.c");
    private static final Path WORK = Path.of("target/e2e-target");
    private static Path binary;

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final Map<String, String> startup = new HashMap<>();

    private E2eTarget(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
            if (line == null) {
                throw new IllegalStateException("e2e_target exited before 'ready' (exit code "
                        + waitForExit() + "); see its stderr above");
            }
            String[] words = line.split(" ", 2);
            startup.put(words[0], words[1]);
        }
    }

    /** The compiled target, compiling it on first use. */
    static synchronized Path binary() {
        if (binary == null) {
            try {
                binary = compile();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return binary;
    }

    private static Path compile() throws IOException, InterruptedException {
        Path include = WORK.resolve("include");
        Files.createDirectories(include.resolve("remotestruct"));
        try (InputStream h = resource("remotestruct/remotestruct.h").openStream()) {
            Files.copy(h, include.resolve("remotestruct/remotestruct.h"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path generated = generatedHeaderDir();
        Path exe = WORK.resolve("e2e_target").toAbsolutePath();
        Process cc = new ProcessBuilder("cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-I" + generated,
                "-I" + include, "-o", exe.toString(), SOURCE.toString()).redirectErrorStream(true).start();
        String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cc.waitFor() != 0) {
            throw new IllegalStateException("cc failed for " + SOURCE + ":\n" + log);
        }
        return exe;
    }

    /** Where the processor wrote {@code e2e_all_types.h}: the test class output's remotestruct/include. */
    static Path generatedHeaderDir() {
        try {
            return Path.of(resource("remotestruct/include/e2e_all_types.h").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL resource(String name) {
        URL url = E2eTarget.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("no " + name + " on the test classpath");
        }
        return url;
    }

    /** Starts the target, publishing {@code <registryDir>/e2e.registry}, and waits until it is ready. */
    static E2eTarget start(Path registryDir) {
        List<String> command = List.of(binary().toString(), registryDir.toString(), "e2e");
        try {
            return new E2eTarget(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int pid() {
        return (int) process.pid();
    }

    /** Address of the target's {@code all} struct, as it printed it. */
    long allAddress() {
        return parseAddress(startup.get("all"));
    }

    /** Address of the target's {@code vecs} array, as it printed it. */
    long vecsAddress() {
        return parseAddress(startup.get("vecs"));
    }

    /** The registry file the target published. */
    Path registryFile() {
        return Path.of(startup.get("registry"));
    }

    /** The values of {@code all} as the target itself sees them, by key (format: {@link KnownValues#shown}). */
    Map<String, String> show() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String word : command("show").split(" ")) {
            int eq = word.indexOf('=');
            values.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return values;
    }

    /** Places a copy of {@code all} whose first {@code visibleBytes} end a page followed by an unmapped one. */
    long placeAtPageEdge(int visibleBytes) {
        return parseAddress(expect("edge", command("edge " + visibleBytes)));
    }

    /** Publishes entry {@code all_wrong}: {@code all} with its fingerprint one bit off. */
    void publishWrongFingerprint() {
        expect("ok", command("badfp"));
    }

    /** Asks the target to return from main and waits until it has been reaped. */
    void exitAndWait() {
        in.println("exit");
        if (waitForExit() != 0) {
            throw new IllegalStateException("e2e_target exited with " + process.exitValue());
        }
    }

    private String command(String command) {
        in.println(command);
        try {
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("e2e_target exited while answering '" + command + "'");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String expect(String word, String answer) {
        if (!answer.equals(word) && !answer.startsWith(word + " ")) {
            throw new IllegalStateException("e2e_target answered '" + answer + "', expected '" + word + "'");
        }
        return answer.substring(word.length()).trim();
    }

    private static long parseAddress(String text) {
        return Long.parseUnsignedLong(text.substring(2), 16);
    }

    private int waitForExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("e2e_target did not exit within 10 s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        waitForExit();
    }
}
