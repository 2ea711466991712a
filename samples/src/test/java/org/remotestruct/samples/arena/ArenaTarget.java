package org.remotestruct.samples.arena;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code src/test/c/arena_target.c}, compiled on first use with {@code cc -Wall -Wextra
 * -Werror} against the hand-written {@code src/main/c/arena/arena.h}: C, not the processor, decides
 * this struct's layout.
 */
final class ArenaTarget implements AutoCloseable {

    private static Path binary;

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final long address;
    private final long eventAddress;

    private ArenaTarget(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        Map<String, String> startup = new LinkedHashMap<>();
        for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
            if (line == null) {
                throw new IllegalStateException("arena_target exited before 'ready'");
            }
            String[] words = line.split(" ", 2);
            startup.put(words[0], words[1]);
        }
        this.address = Long.parseUnsignedLong(startup.get("fighter").replaceFirst("^0x", ""), 16);
        this.eventAddress = Long.parseUnsignedLong(startup.get("event").replaceFirst("^0x", ""), 16);
    }

    static ArenaTarget start() {
        try {
            return new ArenaTarget(new ProcessBuilder(binary().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path binary() throws IOException {
        if (binary == null) {
            Path exe = Files.createDirectories(Path.of("target/arena-target")).resolve("arena_target").toAbsolutePath();
            Process cc = new ProcessBuilder("cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-Isrc/main/c/arena", "-o",
                    exe.toString(), "src/test/c/arena_target.c").redirectErrorStream(true).start();
            String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (cc.waitFor() != 0) {
                    throw new IllegalStateException("cc failed for arena_target.c:\n" + log);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            binary = exe;
        }
        return binary;
    }

    int pid() {
        return (int) process.pid();
    }

    long address() {
        return address;
    }

    long eventAddress() {
        return eventAddress;
    }

    /** Every field of the fighter as the target prints it. */
    Map<String, String> dump() throws IOException {
        return values("dump");
    }

    /** Every field of the event as the target prints it. */
    Map<String, String> event() throws IOException {
        return values("event");
    }

    private Map<String, String> values(String command) throws IOException {
        in.println(command);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line = out.readLine(); !"end".equals(line); line = out.readLine()) {
            if (line == null) {
                throw new IllegalStateException("arena_target exited during dump");
            }
            String[] words = line.split(" ", 2);
            values.put(words[0], words.length > 1 ? words[1] : "");
        }
        return values;
    }

    /** Makes the target store a state value its enum does not declare. */
    void storeUnknownState() throws IOException {
        in.println("unknown");
        if (!"ok".equals(out.readLine())) {
            throw new IllegalStateException("arena_target did not acknowledge 'unknown'");
        }
    }

    @Override
    public void close() throws Exception {
        in.println("quit");
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
