package org.remotestruct.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** A successful compilation with the processor, its output written to a directory and loadable. */
final class Compiled {

    final Compilation compilation;
    final Path classes;
    final URLClassLoader loader;

    private Compiled(Compilation compilation, Path classes) {
        this.compilation = compilation;
        this.classes = classes;
        try {
            this.loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, Compiled.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles {@code sources} with the processor (on {@code extraClasspath} too); fails on any warning. */
    static Compiled compile(Path dir, List<File> extraClasspath, JavaFileObject... sources) {
        Compilation c = javac(extraClasspath).compile(sources);
        assertThat(c).succeededWithoutWarnings();
        return new Compiled(c, writeClassOutput(c, dir));
    }

    /**
     * The compiler with the processor, {@code -Xlint:all} plus {@code options}, and the test class
     * path plus {@code extra}.
     */
    static Compiler javac(List<File> extra, String... options) {
        // -Xlint:all: generated code must compile without a single lint warning.
        List<String> all = new ArrayList<>(List.of("-Xlint:all", "-Xlint:-processing"));
        all.addAll(List.of(options));
        Compiler javac = Compiler.javac().withProcessors(new RemoteStructProcessor()).withOptions(all);
        if (extra.isEmpty()) {
            return javac;
        }
        List<File> classpath = new ArrayList<>(extra);
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classpath.add(new File(entry));
        }
        return javac.withClasspath(classpath);
    }

    /** Writes every CLASS_OUTPUT file of {@code c} below {@code dir}, as javac -d would. */
    static Path writeClassOutput(Compilation c, Path dir) {
        try {
            for (JavaFileObject f : c.generatedFiles()) {
                String uri = f.toUri().getPath();
                int at = uri.indexOf("/CLASS_OUTPUT/");
                if (at < 0) {
                    continue;
                }
                Path target = dir.resolve(uri.substring(at + "/CLASS_OUTPUT/".length()));
                Files.createDirectories(target.getParent());
                try (InputStream in = f.openInputStream()) {
                    Files.write(target, in.readAllBytes());
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generated view class {@code name} ({@code game.PlayerRemoteView}). */
    Class<?> load(String name) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** The generated source of {@code qualifiedName}. */
    String source(String qualifiedName) {
        try {
            return compilation.generatedSourceFile(qualifiedName).orElseThrow().getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
