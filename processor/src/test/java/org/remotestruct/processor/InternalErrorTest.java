package org.remotestruct.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.processor.model.StructModel;
import org.remotestruct.processor.validate.ErrorReporter;

/** RS000: a bug in the processor is reported on the record being processed, then rethrown. */
class InternalErrorTest {

    /** Error injection: generation fails the way a processor bug would. */
    static final class FailingProcessor extends RemoteStructProcessor {
        @Override
        void generate(StructModel model, TypeElement type, ErrorReporter reporter) {
            throw new IllegalStateException("injected failure for " + model.structName());
        }
    }

    @Test
    void rs000UnexpectedExceptionIsReportedOnTheRecordAndRethrown(@TempDir Path dir) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(dir));
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(dir));
            JavaFileObject src = Sources.record(4, "@Field(offset = 0, type = CType.INT32) int a");
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
                    List.of("-proc:only", "-classpath", System.getProperty("java.class.path")), null, List.of(src));
            task.setProcessors(List.of(new FailingProcessor()));
            RuntimeException thrown = assertThrows(RuntimeException.class, task::call);
            assertTrue(causes(thrown, "injected failure for Bad"), "the original exception is rethrown");
            Diagnostic<? extends JavaFileObject> rs000 = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getMessage(null).startsWith("[RS000] internal error while processing test.Bad"))
                    .findFirst().orElseThrow(() -> new AssertionError(diagnostics.getDiagnostics()));
            assertEquals(Diagnostic.Kind.ERROR, rs000.getKind());
            assertTrue(rs000.getMessage(null).contains("IllegalStateException: injected failure"));
            assertEquals(src.toUri(), rs000.getSource().toUri(), "reported on the record's source");
        }
    }

    private static boolean causes(Throwable t, String message) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (String.valueOf(c.getMessage()).contains(message)) {
                return true;
            }
        }
        return false;
    }
}
