package org.remotestruct.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * registry_target.c compiled with {@code cc -Wall -Wextra -Werror} against the remotestruct.h the
 * runtime jar ships, with fingerprints computed in Java from hand-built layouts; and running copies.
 */
final class CTarget implements AutoCloseable {

    final Process process;
    final Path registryFile;
    private final BufferedReader out;

    private CTarget(Process process, Path registryFile, BufferedReader out) {
        this.process = process;
        this.registryFile = registryFile;
        this.out = out;
    }

    /** Compiles the target into {@code workDir} and returns the binary. */
    static Path compile(Path workDir) throws IOException, InterruptedException {
        copyResource("/remotestruct/remotestruct.h", workDir.resolve("remotestruct.h"));
        Path source = copyResource("/registry/registry_target.c", workDir.resolve("registry_target.c"));
        Path binary = workDir.resolve("registry_target");
        run(workDir, "cc", "-std=c11", "-D_GNU_SOURCE", "-Wall", "-Wextra", "-Werror", "-I", workDir.toString(),
                "-DWORLD_FP=0x" + RegistrySyntax.hex16(TestStructs.WORLD_LAYOUT.fingerprint()) + "ULL",
                "-DPLAYER_FP=0x" + RegistrySyntax.hex16(TestStructs.PLAYER_LAYOUT.fingerprint()) + "ULL",
                source.toString(), "-o", binary.toString());
        return binary;
    }

    /** Compiles publish_once.c, which publishes one struct and exits, into {@code workDir}; returns the binary. */
    static Path compilePublishOnce(Path workDir) throws IOException, InterruptedException {
        if (Files.notExists(workDir.resolve("remotestruct.h"))) {
            copyResource("/remotestruct/remotestruct.h", workDir.resolve("remotestruct.h"));
        }
        Path source = copyResource("/registry/publish_once.c", workDir.resolve("publish_once.c"));
        Path binary = workDir.resolve("publish_once");
        run(workDir, "cc", "-std=c11", "-D_GNU_SOURCE", "-Wall", "-Wextra", "-Werror", "-I", workDir.toString(),
                source.toString(), "-o", binary.toString());
        return binary;
    }

    /**
     * As {@link #start(Path, Path, String)}, behind {@code prefix}: a command that execs the rest, such as
     * {@code setpriv --reuid=65534 ...}, so the target runs as another user.
     */
    static CTarget startAs(List<String> prefix, Path binary, Path dir, String name) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(binary.toString(), dir.toString(), name));
        return start(command);
    }

    /** Starts the target publishing {@code <dir>/<name>.registry} and waits until it has committed. */
    static CTarget start(Path binary, Path dir, String name) throws IOException {
        return start(List.of(binary.toString(), dir.toString(), name));
    }

    /**
     * Starts the target as pid 1 of a new pid namespace, as in a container: {@code unshare --pid
     * --fork --mount-proc} gives it its own /proc, and {@code --kill-child} makes killing the
     * {@link #process} (unshare) kill the target, which as the namespace's init takes every process
     * of the namespace with it. Needs root.
     */
    static CTarget startInNewPidNamespace(Path binary, Path dir, String name) throws IOException {
        return start(List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc", binary.toString(),
                dir.toString(), name));
    }

    /** Starts {@code binary} behind {@code prefix} (e.g. a {@code setpriv} command line, which execs it). */
    static CTarget start(List<String> prefix, Path binary, Path dir, String name) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(binary.toString(), dir.toString(), name));
        return start(command);
    }

    /** Sends one command line ({@code undumpable}) and returns the target's one-line answer. */
    String command(String command) throws IOException {
        process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().flush();
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException("target exited while answering '" + command + "'");
        }
        return line;
    }

    private static CTarget start(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("ready ")) {
            p.destroyForcibly();
            throw new IllegalStateException("target did not start: " + line);
        }
        return new CTarget(p, Path.of(line.substring("ready ".length())), out);
    }

    /** The lines the target prints in its {@code errors} mode. */
    static List<String> errorReport(Path binary, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary.toString(), dir.toString(), "x", "errors").start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            r.lines().forEach(lines::add);
        }
        p.waitFor(10, TimeUnit.SECONDS);
        return lines;
    }

    int pid() {
        return (int) process.pid();
    }

    /** Kills the target with SIGKILL, so it cannot remove its registry: a crash. */
    void crash() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Closes stdin so the target returns from main and its atexit handler removes the registry. */
    int exitNormally() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("target did not exit");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            crash();
        }
    }

    private static Path copyResource(String resource, Path to) throws IOException {
        try (InputStream in = CTarget.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Files.copy(in, to);
        }
        return to;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
