package org.remotestruct.probe;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.remotestruct.registry.AddressRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code probe watch}: a live view of one target, redrawn in place like {@code top} on a terminal,
 * or printed frame after frame when stdout is not a terminal or with {@code --plain}.
 */
@Command(name = "watch", description = "Show a target's entries live: summaries and tables sorted by a field.")
final class WatchCommand implements Callable<Integer> {

    private static final String CLEAR = "\033[H\033[2J";

    @Mixin
    CommonOptions common;

    @Mixin
    LimitOptions limits;

    @Mixin
    FollowOptions follow;

    @Parameters(index = "0", paramLabel = "TARGET", description = "pid or registered name")
    String target;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "1000", description = "refresh interval (default ${DEFAULT-VALUE} ms)")
    long intervalMillis;

    @Option(names = "--duration", paramLabel = "S", description = "stop after this many seconds (default: until interrupted)")
    Double durationSeconds;

    @Option(names = "--sort", paramLabel = "FIELD", defaultValue = "score", description = "sort array rows by this field, largest first (default ${DEFAULT-VALUE})")
    String sortField;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "20", description = "rows per table (default ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--plain", description = "no screen clearing, even on a terminal")
    boolean plain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        CommonOptions.checkTiming(intervalMillis, durationSeconds);
        if (rows < 1) {
            throw new ProbeException(ProbeException.USAGE, "--rows must be at least 1, was " + rows);
        }
        AddressRegistry registry = Targets.resolve(limits.scanner(), common.directory(), target);
        TargetReader reader = new TargetReader(registry, common.types(), List.of(), limits.read());
        reader.requireKnownTypes();
        for (String why : reader.skipped()) {
            spec.commandLine().getErr().println("probe: skipped " + why);
        }
        WatchTable table = new WatchTable(sortField, rows);
        boolean redraw = !plain && stdoutIsTerminal();
        PrintWriter out = spec.commandLine().getOut();
        long end = durationSeconds == null ? Long.MAX_VALUE
                : System.nanoTime() + (long) (durationSeconds * 1_000_000_000L);
        while (true) {
            TargetReader.Snapshot snapshot = reader.read();
            String frame = table.render(snapshot);
            if (follow.enabled()) {
                frame += "\n" + Pointees.follow(reader.process(), reader, snapshot, follow.depth, follow.max).render(rows);
            }
            out.print((redraw ? CLEAR : "\n") + Targets.label(registry) + "  " + LocalTime.now()
                    .truncatedTo(ChronoUnit.SECONDS) + "  every " + intervalMillis + " ms\n\n" + frame);
            out.flush();
            long left = end - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            Thread.sleep(Math.min(intervalMillis, left / 1_000_000 + 1));
        }
    }

    /**
     * Whether standard output is a terminal. Not {@code System.console() != null}: from JDK 22 on
     * that is true even when output goes to a pipe or file, which would fill logs with escape codes.
     * On Linux the fd link names the device, and terminals are {@code /dev/pts/*} or {@code /dev/tty*}.
     */
    static boolean stdoutIsTerminal() {
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
