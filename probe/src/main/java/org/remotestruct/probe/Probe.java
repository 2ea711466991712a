package org.remotestruct.probe;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * The {@code probe} command line: lists, dumps, watches, writes and exports the structs of live
 * processes that published a remotestruct registry, decoding them through the
 * {@link org.remotestruct.StructType}s given with {@code --types} (see {@link TypeCatalog}), with no
 * code per struct.
 *
 * <p>Exit codes: 0 success, 1 the target could not be found or read, 2 bad usage, 3 a write was
 * refused (unknown or read-only field, value out of range) before anything was written.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, version = "remotestruct probe 0.1.0",
        description = "Reads and writes typed structs of live processes through their remotestruct registry.",
        subcommands = {ListCommand.class, TypesCommand.class, DumpCommand.class, WatchCommand.class, SetCommand.class,
            ServeCommand.class, HelpCommand.class})
public final class Probe {

    private Probe() {
    }

    /** Runs the probe with {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** A configured command line writing to {@code out} and {@code err}; tests call {@code execute} on it. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Probe());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        return cl;
    }
}
