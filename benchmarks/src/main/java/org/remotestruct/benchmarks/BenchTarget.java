package org.remotestruct.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A running {@code bench_target.c}: compiled from the copy inside the jar with {@code cc -O2} into
 * a fresh temporary directory, against the {@code wide.h}, {@code small.h} and {@code medium.h}
 * the processor generated from {@link Wide}, {@link Small} and {@link Medium}, started, and asked
 * for the addresses of its structs. Closing it closes the target's stdin (its signal to exit),
 * reaps it and deletes the directory.
 */
public final class BenchTarget implements AutoCloseable {

    /** Elements of the target's {@code struct small[]} array. */
    public static final int ARRAY_COUNT = 64;
    /** Separately allocated {@code struct small}s. */
    public static final int SCATTERED = 10;
    /** Separately allocated {@code struct medium}s, each in its own 64-KiB allocation. */
    public static final int MEDIUMS = 64;

    private static final String SOURCE = "bench_target.c";
    /**
     * Where the processor always writes the C headers it generates: the class output, so they are in
     * the jar too. Copying them from there works from target/classes and from benchmarks.jar alike.
     */
    private static final String HEADER_RESOURCES = "remotestruct/include/";
    private static final List<String> HEADERS = List.of("wide.h", "small.h", "medium.h", "bnode.h");

    private final Path dir;
    private final Process process;
    private final Map<String, long[]> addresses = new HashMap<>();

    private BenchTarget(Path dir, Process process) throws IOException {
        this.dir = dir;
        this.process = process;
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
            if (line == null) {
                throw new IllegalStateException("bench_target exited before printing 'ready' (exit code "
                        + waitForExit() + ")");
            }
            String[] words = line.split(" ");
            addresses.put(words[0], Arrays.stream(words, 1, words.length)
                    .filter(w -> w.startsWith("0x")).mapToLong(BenchTarget::parsePointer).toArray());
        }
    }

    /**
     * Compiles and starts a new target.
     *
     * @throws IllegalStateException with the compiler output if {@code cc} fails
     */
    public static BenchTarget start() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("remotestruct-bench");
            Path binary = compile(dir);
            Process p = new ProcessBuilder(binary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new BenchTarget(dir, p);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException("could not start bench_target in " + dir, e);
        }
    }

    private static Path compile(Path dir) throws IOException {
        Path source = dir.resolve(SOURCE);
        copyResource(SOURCE, source);
        Path include = Files.createDirectories(dir.resolve("include"));
        for (String header : HEADERS) {
            copyResource("/" + HEADER_RESOURCES + header, include.resolve(header));
        }
        Path binary = dir.resolve("bench_target");
        Process cc = new ProcessBuilder("cc", "-O2", "-Wall", "-Werror", "-I" + include, "-o", binary.toString(),
                source.toString()).redirectErrorStream(true).start();
        String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (cc.waitFor() != 0) {
                throw new IllegalStateException("cc -O2 " + source + " failed:\n" + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling " + source, e);
        }
        return binary;
    }

    /** Copies a class-path resource (relative to this package unless it starts with '/') to {@code to}. */
    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = BenchTarget.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path (build with mvn package)");
            }
            Files.copy(in, to);
        }
    }

    /** The target's pid. */
    public int pid() {
        return (int) process.pid();
    }

    /** Address of the target's {@code struct wide} (256 bytes, 16 fields). */
    public long wide() {
        return addresses.get("wide")[0];
    }

    /** Address of the target's {@code struct block} (1 KiB, never updated, seq even). */
    public long block() {
        return addresses.get("block")[0];
    }

    /** Address of the target's single {@code struct small} (64 bytes). */
    public long small() {
        return addresses.get("small")[0];
    }

    /** Address of element 0 of the target's {@code struct small[ARRAY_COUNT]}. */
    public long array() {
        return addresses.get("array")[0];
    }

    /** Addresses of the {@link #SCATTERED} separately allocated {@code struct small}s. */
    public long[] scattered() {
        return addresses.get("scattered").clone();
    }

    /** Addresses of the {@link #MEDIUMS} separately allocated {@code struct medium}s (128 bytes each). */
    public long[] mediums() {
        return addresses.get("medium").clone();
    }

    /** Address of the root of the target's 3-level tree of {@code struct bnode} (1 + 8 + 64 nodes). */
    public long graph() {
        return addresses.get("graph")[0];
    }

    private static long parsePointer(String text) {
        return Long.parseUnsignedLong(text.substring(2), 16);
    }

    private int waitForExit() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Closes the target's stdin so it exits, kills it if it has not within 5 s, deletes the binary. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the pipe is already gone: the target has exited, waitForExit confirms it
        }
        if (waitForExit() < 0) {
            process.destroyForcibly();
            waitForExit();
        }
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless; the benchmark result is not affected
        }
    }
}
