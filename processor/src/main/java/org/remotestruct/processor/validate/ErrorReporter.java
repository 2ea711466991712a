package org.remotestruct.processor.validate;

import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;
import org.remotestruct.processor.Message;

/**
 * Reports {@link Message}s and counts the errors, so a caller can skip generation for a record with
 * any. A silent reporter only counts: nested structs are checked silently from the outside, since
 * they report their own errors where they are declared.
 */
public final class ErrorReporter {

    private final Messager messager;
    private int errorCount;

    private ErrorReporter(Messager messager) {
        this.messager = messager;
    }

    /** A reporter printing through {@code messager}. */
    public static ErrorReporter printingTo(Messager messager) {
        return new ErrorReporter(messager);
    }

    /** A reporter that only counts errors. */
    public static ErrorReporter silent() {
        return new ErrorReporter(null);
    }

    /** Reports {@code message} formatted with {@code args} at {@code location}. */
    public void report(Message message, Location location, Object... args) {
        if (message.kind() == Diagnostic.Kind.ERROR) {
            errorCount++;
        }
        if (messager == null) {
            return;
        }
        String text = message.format(args);
        if (location.mirror() == null) {
            messager.printMessage(message.kind(), text, location.element());
        } else if (location.value() == null) {
            messager.printMessage(message.kind(), text, location.element(), location.mirror());
        } else {
            messager.printMessage(message.kind(), text, location.element(), location.mirror(), location.value());
        }
    }

    /** Errors reported so far (warnings do not count). */
    public int errorCount() {
        return errorCount;
    }
}
