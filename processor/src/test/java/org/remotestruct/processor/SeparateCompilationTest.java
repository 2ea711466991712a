package org.remotestruct.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.StructType;

/**
 * A nested struct from an earlier compilation (class files, as from a library jar) works, and a
 * later compilation into the same output merges the service file instead of overwriting it.
 */
class SeparateCompilationTest {

    /** Compiles into {@code out} with {@code out} on the class path, as an incremental build does. */
    static List<Diagnostic<? extends JavaFileObject>> javac(Path out, JavaFileObject... sources) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(out));
            String classpath = out + File.pathSeparator + System.getProperty("java.class.path");
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
                    List.of("-classpath", classpath, "-Xlint:all,-processing"), null, List.of(sources));
            task.setProcessors(List.of(new RemoteStructProcessor()));
            assertTrue(task.call(), () -> "compilation failed: " + diagnostics.getDiagnostics());
        }
        return diagnostics.getDiagnostics();
    }

    @Test
    void nestedStructFromClassFilesIsReadThroughTheElementsApi(@TempDir Path out) throws Exception {
        javac(out, Sources.vec3());
        Path services = out.resolve("META-INF/services/org.remotestruct.StructType");
        Files.writeString(services, "# a provider whose class was deleted since\ngame.GoneRemoteView$Type\n",
                StandardOpenOption.APPEND);
        // javac also looks for sources on the class path; without this one Vec3's view comes from its class file.
        Files.delete(out.resolve("game/Vec3RemoteView.java"));

        List<Diagnostic<? extends JavaFileObject>> diagnostics = javac(out, Sources.player());
        assertEquals(List.of(), diagnostics, "no warnings");

        assertEquals(List.of("game.PlayerRemoteView$Type", "game.Vec3RemoteView$Type"),
                Files.readAllLines(services), "merged with the earlier file, stale entry dropped");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            StructType<?> player = StructType.installed(loader).stream().filter(t -> t.name().equals("player"))
                    .findFirst().orElseThrow();
            StructType<?> vec3 = StructType.installed(loader).stream().filter(t -> t.name().equals("Vec3"))
                    .findFirst().orElseThrow();
            assertEquals(vec3.layout(), player.layout().field("pos").nested(), "nests the compiled Vec3 layout");
            ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
            b.putFloat(24, 1.5f).putFloat(28, -2.5f).putFloat(32, 1e9f);
            assertEquals(Map.of("x", 1.5f, "y", -2.5f, "z", 1e9f), player.decodeToMap(b, 0).get("pos"));
        }
    }
}
