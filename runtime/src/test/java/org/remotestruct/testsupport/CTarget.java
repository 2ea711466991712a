package org.remotestruct.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running instance of {@code src/test/c/rs_target.c}, compiled by the test with
 * {@code cc -O0 -Wall -Werror} into {@code target/}: a real second process that prints the
 * addresses of its structs and answers commands on stdin with what it currently sees.
 */
public final class CTarget implements AutoCloseable {

    private static final Path SOURCE = Path.of("src/test/c/rs_target.c");
    private static final Path BINARY = Path.of("target/test-target/rs_target");
    private static boolean compiled;

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final Map<String, String[]> startup = new HashMap<>();

    private CTarget(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        readStartup();
    }

    /**
     * Has the target exec a fresh image of its own binary (same pid, same start time, new
     * AT_RANDOM bytes) and waits until the new image is ready; {@link #address} then answers for it.
     */
    public void execSelf() {
        execCommand("exec");
    }

    /**
     * Has the target exec the program at {@code binary} (a setuid copy of its own, say: same pid, same
     * start time, the new image's credentials) and waits until the new image is ready; {@link #address}
     * then answers for it.
     */
    public void exec(Path binary) {
        execCommand("exec " + binary);
    }

    private void execCommand(String command) {
        in.println(command);
        try {
            readStartup();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readStartup() throws IOException {
        startup.clear();
        for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
            if (line == null) {
                throw new IllegalStateException("target exited before 'ready'");
            }
            if (line.startsWith("error ")) { // a failed exec: the old image goes on reading commands
                throw new IllegalStateException("target answered '" + line + "' instead of starting a new image");
            }
            String[] words = line.split(" ");
            startup.put(words[0], words);
        }
    }

    /** The compiled target binary, compiling it on first use. */
    public static synchronized Path binary() {
        if (!compiled) {
            compile(SOURCE, BINARY, "-O0");
            compiled = true;
        }
        return BINARY.toAbsolutePath();
    }

    /**
     * Compiles {@code source} into {@code binary} with {@code cc -Wall -Werror} and {@code flags}.
     *
     * @throws IllegalStateException with the compiler's output if it fails
     */
    public static void compile(Path source, Path binary, String... flags) {
        List<String> command = new ArrayList<>(List.of("cc", "-Wall", "-Werror"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-o", binary.toString(), source.toString()));
        try {
            Files.createDirectories(binary.getParent());
            Process cc = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (cc.waitFor() != 0) {
                throw new IllegalStateException("cc failed for " + source + ":\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the target as this user. */
    public static CTarget start() {
        return start(List.of(), binary());
    }

    /** Starts {@code binary} behind {@code prefix} (e.g. a {@code setpriv} command line). */
    public static CTarget start(List<String> prefix, Path binary) {
        List<String> command = new ArrayList<>(prefix);
        command.add(binary.toString());
        try {
            return new CTarget(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid of the target (of the program itself when started behind setpriv, which execs). */
    public int pid() {
        return (int) process.pid();
    }

    /** The address printed at start-up for {@code key} (player, team, pattern). */
    public long address(String key) {
        return parseAddress(startup.get(key)[1]);
    }

    /** Parses a C {@code %p}: {@code 0x} and hex digits. */
    public static long parseAddress(String text) {
        return Long.parseUnsignedLong(text.substring(2), 16);
    }

    /** Sends one command and returns the target's one-line answer. */
    public String command(String command) {
        in.println(command);
        try {
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("target exited while answering '" + command + "'");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks the target to exit and waits until it has been reaped. */
    public void exitAndWait() throws InterruptedException {
        in.println("exit");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("target did not exit");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
