package org.remotestruct.probe;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.remotestruct.PermissionDeniedException;
import org.remotestruct.ProcessGoneException;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.SafeText;
import org.remotestruct.registry.LayoutMismatchException;
import org.remotestruct.registry.RegistryException;
import org.remotestruct.registry.StaleRegistryException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns any failure of a subcommand into one readable line on stderr, with what to do about it,
 * and an exit code; the stack trace only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println("probe: " + oneLine(describe(ex)));
        if (cmd.getParseResult() != null && cmd.getParseResult().hasMatchedOption("--verbose")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ex instanceof ProbeException p ? p.exitCode() : ProbeException.TARGET;
    }

    /** The message with a hint for the failures a user can fix. */
    static String describe(Throwable ex) {
        String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        if (ex instanceof PermissionDeniedException) {
            // The runtime's message already starts with "permission denied" and ends with its hint.
            return message.contains("docs/permissions.md") ? message : message + " (see docs/permissions.md)";
        }
        if (ex instanceof StaleRegistryException) {
            return message + " (the target has exited or restarted; run 'probe list' to see live targets)";
        }
        if (ex instanceof LayoutMismatchException) {
            return message + " (rebuild the probe and the target from the same record definitions)";
        }
        if (ex instanceof ProcessGoneException) {
            return "process gone: " + message;
        }
        if (ex instanceof RegistryException || ex instanceof RemoteAccessException || ex instanceof ProbeException
                || ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException) {
            return message;
        }
        return ex.getClass().getSimpleName() + ": " + message + " (run with --verbose for the stack trace)";
    }

    /**
     * Folds a multi-line message into one line, and escapes any control character left in it: the
     * runtime quotes what it repeats from files and peers, but a message from elsewhere (the JDK
     * repeating a path) may not have.
     */
    static String oneLine(String message) {
        return SafeText.controls(message.replaceAll("\\s*\\R\\s*", " ").strip());
    }

    /**
     * Every value {@link #kind} returns, plus {@code scan} (the registry directory could not be scanned),
     * {@code limit} (an entry or target was not read, or a registry not scanned, within the limits) and
     * {@code unknown_type} (an entry was not read because the probe does not know its struct type).
     */
    static final List<String> KINDS = List.of("permission", "process_gone", "layout_mismatch", "registry", "read",
            "other", "scan", "limit", "unknown_type");

    /** A short category of {@code ex} for error counters: permission, stale, layout, gone, ... */
    static String kind(Throwable ex) {
        if (ex instanceof PermissionDeniedException) {
            return "permission";
        }
        if (ex instanceof StaleRegistryException || ex instanceof ProcessGoneException) {
            return "process_gone";
        }
        if (ex instanceof LayoutMismatchException) {
            return "layout_mismatch";
        }
        if (ex instanceof RegistryException) {
            return "registry";
        }
        if (ex instanceof RemoteAccessException) {
            return "read";
        }
        return "other";
    }
}
