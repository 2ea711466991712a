package org.remotestruct.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.processor.RandomStructs.Def;
import org.remotestruct.processor.RandomStructs.Member;
import org.remotestruct.processor.model.Names;

/**
 * The differential test of the automatic layout: random struct and union definitions are written
 * both as C and as records; gcc compiles a program printing every {@code sizeof},
 * {@code _Alignof}, {@code offsetof} and bit position, the processor lays out the records, and the
 * two must agree exactly. The processor's generated C headers must also compile with their
 * {@code _Static_assert}s.
 *
 * <p>{@code -Dremotestruct.layout.structs=N} (default 2000) and {@code -Dremotestruct.layout.seed=S}
 * choose the run; a failure prints the seed and the definitions that disagree.
 */
class LayoutDifferentialTest {

    private static final int BATCH = 500;
    private static final int COMPILED = 50;
    private static final Pattern CONSTANT = Pattern.compile("public static final int (\\w+) = (\\d+);");
    private static final Pattern ALIGNMENT = Pattern.compile("\\(alignment (\\d+)");

    @Test
    void processorLaysOutRandomStructsExactlyAsGccDoes(@TempDir Path dir) throws Exception {
        int total = Integer.getInteger("remotestruct.layout.structs", 2000);
        long seed = Long.getLong("remotestruct.layout.seed", 20261201L);
        int checked = 0;
        for (int batch = 0; checked < total; batch++) {
            long batchSeed = seed + batch;
            List<Def> defs = RandomStructs.generate(batchSeed, "b" + batch + "_", Math.min(BATCH, total - checked));
            Path work = Files.createDirectories(dir.resolve("batch" + batch));
            Map<String, Long> gcc = gccLayout(defs, work);
            if (batch == 0) {
                compileGeneratedCode(defs.subList(0, Math.min(COMPILED, defs.size())), batchSeed);
            }
            // -proc:only: the layout is in the generated sources; compiling them all would only cost time.
            Compilation c = Compiled.javac(List.of(), "-proc:only").compile(sources(defs));
            if (c.status() != Compilation.Status.SUCCESS) {
                fail("seed " + batchSeed + ": the processor rejected a random struct: " + c.diagnostics());
            }
            compareLayouts(defs, gcc, views(c), batchSeed);
            compileHeaders(c, work, batchSeed);
            checked += defs.size();
        }
        assertTrue(checked >= total);
    }

    /**
     * Compiles the views of the first definitions too (they nest only earlier ones), so generated
     * code for unusual layouts is known to compile without warnings.
     */
    private static void compileGeneratedCode(List<Def> defs, long seed) {
        Compilation c = Compiled.javac(List.of()).compile(sources(defs));
        if (c.status() != Compilation.Status.SUCCESS || !c.warnings().isEmpty()) {
            fail("seed " + seed + ": generated code for random structs does not compile cleanly: " + c.diagnostics());
        }
    }

    private static JavaFileObject[] sources(List<Def> defs) {
        return defs.stream().map(d -> JavaFileObjects.forSourceString("layout." + RandomStructs.recordName(d),
                RandomStructs.java(d))).toArray(JavaFileObject[]::new);
    }

    /** gcc's layout: {@code <def>} → size, {@code <def>#align} → alignment, {@code <def>.<member>} → bit. */
    private static Map<String, Long> gccLayout(List<Def> defs, Path work) throws Exception {
        StringBuilder c = new StringBuilder("#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n"
                + "#include <stdio.h>\n#include <string.h>\n\n"
                + "#define BITPOS(T, m) do { union { T v; unsigned char b[sizeof(T)]; } u_; memset(&u_, 0, sizeof u_);"
                + " u_.v.m = -1; long p_ = -1; for (size_t i_ = 0; i_ < sizeof u_.b && p_ < 0; i_++) if (u_.b[i_])"
                + " { int k_ = 0; while (!((u_.b[i_] >> k_) & 1)) k_++; p_ = (long) i_ * 8 + k_; }"
                + " printf(\"%s.%s %ld\\n\", #T, #m, p_); } while (0)\n\n");
        for (Def d : defs) {
            c.append(RandomStructs.c(d)).append('\n');
        }
        c.append("int main(void) {\n");
        for (Def d : defs) {
            String t = (d.union() ? "union " : "struct ") + d.name();
            c.append("    printf(\"%s %zu %zu\\n\", \"").append(t).append("\", sizeof(").append(t).append("), _Alignof(")
                    .append(t).append("));\n");
            for (Member m : visible(d.members())) {
                if (m.bits() > 0) {
                    c.append("    BITPOS(").append(t).append(", ").append(m.name()).append(");\n");
                } else {
                    c.append("    printf(\"%s.%s %zu\\n\", \"").append(t).append("\", \"").append(m.name())
                            .append("\", offsetof(").append(t).append(", ").append(m.name()).append(") * 8);\n");
                }
            }
        }
        c.append("    return 0;\n}\n");
        Path source = work.resolve("layout.c");
        Files.writeString(source, c);
        Path binary = work.resolve("layout");
        run(work, "cc", "-std=c11", "-O0", "-w", "-o", binary.toString(), source.toString());
        Map<String, Long> out = new HashMap<>();
        for (String line : run(work, binary.toString()).split("\n")) {
            String[] words = line.split(" "); // "struct s1 <size> <align>" or "struct s1.f2 <bit>"
            out.put(words[0] + " " + words[1], Long.parseLong(words[2]));
            if (words.length == 4) {
                out.put(words[0] + " " + words[1] + "#align", Long.parseLong(words[3]));
            }
        }
        return out;
    }

    private static List<Member> visible(List<Member> members) {
        List<Member> out = new ArrayList<>();
        for (Member m : members) {
            if (m.anonymous()) {
                out.addAll(visible(m.nested().members()));
            } else {
                out.add(m);
            }
        }
        return out;
    }

    /** The constants (and alignment, as {@code #ALIGNMENT}) of every generated view, by view simple name. */
    private static Map<String, Map<String, Long>> views(Compilation c) throws IOException {
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (JavaFileObject f : c.generatedSourceFiles()) {
            String text = f.getCharContent(true).toString();
            Map<String, Long> constants = new HashMap<>();
            Matcher m = CONSTANT.matcher(text);
            while (m.find()) {
                constants.put(m.group(1), Long.parseLong(m.group(2)));
            }
            Matcher a = ALIGNMENT.matcher(text);
            if (a.find()) {
                constants.put("#ALIGNMENT", Long.parseLong(a.group(1)));
            }
            String name = f.getName();
            out.put(name.substring(name.lastIndexOf('/') + 1).replace(".java", ""), constants);
        }
        return out;
    }

    private static void compareLayouts(List<Def> defs, Map<String, Long> gcc, Map<String, Map<String, Long>> views,
            long seed) {
        List<String> problems = new ArrayList<>();
        for (Def d : defs) {
            String t = (d.union() ? "union " : "struct ") + d.name();
            Map<String, Long> view = views.get(RandomStructs.recordName(d) + "RemoteView");
            List<String> diffs = new ArrayList<>();
            expect(diffs, "sizeof", gcc.get(t), view.get("SIZE"));
            expect(diffs, "_Alignof", gcc.get(t + "#align"), view.get("#ALIGNMENT"));
            for (Member m : d.members()) {
                long base = 8 * view.get(prefix(m) + "_OFFSET") + view.getOrDefault(prefix(m) + "_BIT", 0L);
                if (m.anonymous()) {
                    Map<String, Long> union = views.get(RandomStructs.recordName(m.nested()) + "RemoteView");
                    for (Member u : visible(m.nested().members())) {
                        long at = base + 8 * union.get(prefix(u) + "_OFFSET") + union.getOrDefault(prefix(u) + "_BIT", 0L);
                        expect(diffs, u.name(), gcc.get(t + "." + u.name()), at);
                    }
                } else {
                    expect(diffs, m.name(), gcc.get(t + "." + m.name()), base);
                }
            }
            if (!diffs.isEmpty()) {
                problems.add(t + ": " + diffs + "\n" + RandomStructs.c(d) + RandomStructs.java(d));
            }
        }
        if (!problems.isEmpty()) {
            fail("seed " + seed + ": " + problems.size() + " of " + defs.size() + " layouts differ from gcc (bits);"
                    + " rerun with -Dremotestruct.layout.seed=" + seed + "\n" + String.join("\n", problems.subList(0,
                    Math.min(5, problems.size()))));
        }
    }

    private static void expect(List<String> diffs, String what, Long gcc, Long processor) {
        if (gcc == null || !gcc.equals(processor)) {
            diffs.add(what + ": gcc " + gcc + ", processor " + processor);
        }
    }

    private static String prefix(Member m) {
        return Names.upperSnake(m.name());
    }

    /** The generated headers, all included in one translation unit: their asserts must hold under gcc. */
    private static void compileHeaders(Compilation c, Path work, long seed) throws Exception {
        Path include = Files.createDirectories(work.resolve("include"));
        StringBuilder all = new StringBuilder();
        for (JavaFileObject f : c.generatedFiles()) {
            String uri = f.toUri().getPath();
            if (uri.endsWith(".h")) {
                Path h = include.resolve(uri.substring(uri.lastIndexOf('/') + 1));
                try (InputStream in = f.openInputStream()) {
                    Files.write(h, in.readAllBytes());
                }
                all.append("#include \"").append(h.getFileName()).append("\"\n");
            }
        }
        Path source = work.resolve("headers.c");
        Files.writeString(source, all);
        try {
            run(work, "cc", "-std=c11", "-fsyntax-only", "-Wall", "-Werror", "-I", include.toString(),
                    source.toString());
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": generated headers do not compile: " + e.getMessage(), e);
        }
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "):\n"
                    + text.substring(0, Math.min(4000, text.length())));
        }
        return text;
    }
}
