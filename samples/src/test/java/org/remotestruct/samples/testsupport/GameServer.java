package org.remotestruct.samples.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A running copy of the C game server that the build compiled into {@code target/game_server}
 * (exec-maven-plugin, process-classes), driven through its stdin commands; its stdout lines are
 * collected for the tests to inspect.
 */
public final class GameServer implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final PrintWriter stdin;
    private final List<String> lines = new ArrayList<>();

    private GameServer(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::collect, "game-server-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The compiled server. */
    public static Path binary() {
        Path p = Path.of(System.getProperty("game.server", "target/game_server"));
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(p + " is missing: the build compiles it in process-classes (mvn verify)");
        }
        return p;
    }

    /** Starts {@code name} publishing into {@code dir} and waits until its registry is committed. */
    public static GameServer start(Path dir, String name, String... options) throws IOException {
        return startAs(List.of(), dir, name, options);
    }

    /**
     * As {@link #start}, behind {@code prefix}: a command that execs the rest, such as {@code setpriv
     * --reuid=65534 ...}, so the server runs as another user (under the same pid).
     */
    public static GameServer startAs(List<String> prefix, Path dir, String name, String... options)
            throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(binary().toString(), name, "--registry-dir", dir.toString()));
        cmd.addAll(List.of(options));
        GameServer s = new GameServer(name, new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start());
        s.await(l -> l.startsWith("ready "));
        return s;
    }

    private void collect() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the server exited; the lines so far stay available
        }
    }

    /** The server's name (its registry name). */
    public String name() {
        return name;
    }

    /** The server's pid. */
    public long pid() {
        return process.pid();
    }

    /** Every line the server printed so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Waits for a line matching {@code p} printed at or after line {@code from}; returns its index. */
    public int await(int from, Predicate<String> p) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (lines) {
            for (int i = from;; ) {
                for (; i < lines.size(); i++) {
                    if (p.test(lines.get(i))) {
                        return i;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("game server " + name + " printed no matching line; output: " + lines);
                }
                try {
                    lines.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Waits for a matching line anywhere in the output. */
    public int await(Predicate<String> p) {
        return await(0, p);
    }

    /** Sends one command and waits for the line that acknowledges it. */
    private int command(String command, Predicate<String> ack) {
        int from = lines().size();
        stdin.println(command);
        return await(from, ack);
    }

    /** Writes {@code text} to the server's stdin as it is, in one write, without waiting for anything. */
    public void send(String text) {
        stdin.print(text);
        stdin.flush();
    }

    /** Stops the simulation; values stay fixed until {@link #resume()}. */
    public void pause() {
        command("pause", l -> l.startsWith("paused at tick "));
    }

    /** Restarts the simulation. */
    public void resume() {
        command("resume", l -> l.startsWith("resumed at tick "));
    }

    /** The server's own report of its state: {@code world.tick}, {@code players[3].hp}, {@code config.motd}, ... */
    public Map<String, String> dump() {
        int begin = command("dump", "dump begin"::equals);
        int end = await(begin, "dump end"::equals);
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines().subList(begin + 1, end)) {
            int eq = line.indexOf('=');
            out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return out;
    }

    /** The server's "config generation N applied" log lines so far. */
    public List<String> appliedConfigs() {
        return lines().stream().filter(l -> l.startsWith("config generation ")).toList();
    }

    /** Kills the server with SIGKILL, so it leaves its registry file behind. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the server with SIGTERM (it removes its registry) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its stdout, losing its last lines.
        process.toHandle().destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
