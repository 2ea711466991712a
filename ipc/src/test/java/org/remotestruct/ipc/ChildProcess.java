package org.remotestruct.ipc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real child process, with its output lines: a JVM on the test classpath running {@link
 * IpcTestSender}, or any command (a compiled C peer behind {@code setpriv}).
 */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;

    private ChildProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code IpcTestSender mode socket args...}; stderr goes to the test's stderr. */
    static ChildProcess start(String mode, Path socket, String... args) throws IOException {
        return start(IpcTestSender.class, mode, socket, args);
    }

    /** Starts {@code main mode socket args...} in a JVM on the test classpath; stderr goes to the test's stderr. */
    static ChildProcess start(Class<?> main, String mode, Path socket, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                main.getName(), mode, socket.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Starts {@code command}; stderr goes to the test's stderr. */
    static ChildProcess run(List<String> command) throws IOException {
        return new ChildProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    /** The next line the child printed, or null at its end. */
    String readLine() throws IOException {
        return out.readLine();
    }

    /** Writes a line to the child's stdin. */
    void tell(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits (bounded) for the child to exit and returns its exit code. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child " + process.pid() + " did not exit within 60 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
