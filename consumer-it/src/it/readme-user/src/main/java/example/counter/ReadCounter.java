package example.counter;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructType;

/**
 * Starts counter_target, reads its {@code struct counter} through the generated view, writes one
 * field and checks that the target saw it. {@code module-path} also checks that this class, the
 * runtime and the generated view run as named modules and that {@code StructType} finds the
 * counter type through the module's {@code provides}; {@code class-path} checks the opposite.
 * Any mismatch throws, so the JVM exits non-zero and the build fails.
 */
public final class ReadCounter {

    public static void main(String[] args) throws Exception {
        String target = args[0];
        boolean modular = args[1].equals("module-path");
        check(ReadCounter.class.getModule().isNamed() == modular, "this class runs in a named module: "
                + ReadCounter.class.getModule());
        if (modular) {
            check("org.remotestruct".equals(RemoteProcess.class.getModule().getName()),
                    "the runtime is the module org.remotestruct: " + RemoteProcess.class.getModule());
        }
        check(StructType.named("counter").isPresent(), "StructType finds the counter type");
        Process process = new ProcessBuilder(target).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String[] first = out.readLine().split(" ");
            int pid = Integer.parseInt(first[0]);
            long address = Long.parseUnsignedLong(first[1].substring(2), 16);
            CounterRemoteView view = CounterRemoteView.at(RemoteProcess.attach(pid), address);
            Counter counter = view.read();
            check(counter.equals(new Counter(7, 41, "readme-user", true)), "read " + counter);
            view.writeHits(counter.hits() + 1);
            process.getOutputStream().close();
            String last = out.readLine();
            check("hits 42".equals(last), "the target saw the write: " + last);
            System.out.println("read " + counter + " from pid " + pid + " on the " + args[1]
                    + "; the target saw hits 42");
        } finally {
            process.destroy();
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("failed: " + what);
        }
    }
}
