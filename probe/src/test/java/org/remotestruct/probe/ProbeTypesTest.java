package org.remotestruct.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.probe.testsupport.ProbeRun;

/**
 * {@code probe types} and {@code --types}: a record compiled by the real processor into a directory
 * (and a jar) the probe's class path does not hold, as a user's build would.
 */
class ProbeTypesTest {

    private static final String SENSOR = """
            package com.example.plant;

            import org.remotestruct.annotations.CType;
            import org.remotestruct.annotations.Field;
            import org.remotestruct.annotations.RemoteStruct;

            @RemoteStruct(size = 16)
            public record Sensor(
                    @Field(offset = 0, type = CType.UINT32) long id,
                    @Field(offset = 8, type = CType.DOUBLE) double celsius) {
            }
            """;

    @TempDir
    Path tmp;

    /** Compiles {@link #SENSOR} with the processor (found on the class path, as javac finds it) into a new directory. */
    private Path compiledSensor() throws IOException {
        Path src = tmp.resolve("src/com/example/plant/Sensor.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SENSOR);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int code = javac.run(null, null, diagnostics, "-classpath",
                System.getProperty("java.class.path"), "-d", classes.toString(), src.toString());
        assertEquals(0, code, diagnostics.toString());
        assertTrue(Files.exists(classes.resolve("META-INF/services/org.remotestruct.StructType")), "processor ran");
        return classes;
    }

    /** {@code dir} packed into a jar. */
    private Path jar(Path dir) throws IOException {
        Path jar = tmp.resolve("sensor.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void typesListsTheClassPathsTypesAndThoseOfEveryTypesOptionWithWhereEachCameFrom() throws IOException {
        Path classes = compiledSensor();
        ProbeRun without = ProbeRun.run("types");
        assertEquals(0, without.exitCode(), without.err());
        assertEquals(1, without.out().lines().count(), without.out());
        assertTrue(without.out().startsWith("Tunables  fingerprint 0x"), without.out());
        assertTrue(without.out().contains("  76 bytes  record org.remotestruct.probe.Tunables  from "), without.out());
        assertTrue(without.out().strip().endsWith(" (class path)"), without.out());

        ProbeRun with = ProbeRun.run("types", "--types", classes.toString());
        assertEquals(0, with.exitCode(), with.err());
        List<String> lines = with.out().lines().toList();
        assertEquals(2, lines.size(), with.out());
        assertTrue(lines.get(0).matches("Sensor  fingerprint 0x[0-9a-f]{16}  16 bytes  record com.example.plant.Sensor"
                + "  from \\Q" + classes + " (--types)\\E"), lines.get(0));
        assertTrue(lines.get(1).startsWith("Tunables  "), lines.get(1));

        Path jar = jar(classes);
        ProbeRun fromJar = ProbeRun.run("types", "--types", jar.toString());
        assertTrue(fromJar.out().contains("Sensor  fingerprint 0x"), fromJar.out());
        assertTrue(fromJar.out().contains("  16 bytes  record com.example.plant.Sensor  from " + jar + " (--types)"),
                fromJar.out());
    }

    @Test
    void theEnvironmentVariableAddsLocationsSeparatedByColons() throws IOException {
        Path classes = compiledSensor();
        TypeCatalog catalog = TypeCatalog.load(List.of(), "::" + classes + ":", ProbeTypesTest.class.getClassLoader());
        List<String> lines = new ArrayList<>();
        catalog.known().forEach(k -> lines.add(TypesCommand.line(k)));
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(classes + " ($REMOTESTRUCT_PROBE_TYPES)"), lines.get(0));
    }

    @Test
    void aTypesLocationThatIsMissingOrHoldsNoTypesIsAUsageErrorNamingIt() throws IOException {
        Path missing = tmp.resolve("nope.jar");
        ProbeRun gone = ProbeRun.run("types", "--types", missing.toString());
        assertEquals(2, gone.exitCode());
        assertEquals("probe: --types " + missing + ": no such jar or directory\n", gone.err());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        ProbeRun none = ProbeRun.run("list", "--registry-dir", tmp.toString(), "--types", empty.toString());
        assertEquals(2, none.exitCode());
        assertEquals("probe: --types " + empty + ": this directory has no META-INF/services/org.remotestruct.StructType;"
                + " give the class output directory of records compiled with the remotestruct processor\n", none.err());

        Path notAJar = Files.writeString(tmp.resolve("notes.txt"), "hello");
        ProbeRun bad = ProbeRun.run("types", "--types", notAJar.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("probe: --types " + notAJar + ": not a readable jar or directory ("),
                bad.err());
    }

    @Test
    void aTypesLocationAnotherUserCouldChangeIsRefusedBecauseTheProbeRunsItsCode() throws Exception {
        Path classes = compiledSensor();
        Path sensor = classes.resolve("com/example/plant/Sensor.class");
        Files.setPosixFilePermissions(sensor, PosixFilePermissions.fromString("rw-rw-rw-"));
        ProbeRun writable = ProbeRun.run("types", "--types", classes.toString());
        assertEquals(2, writable.exitCode());
        assertEquals("probe: --types " + classes + ": refused: " + sensor + " is writable by its group and others"
                + " (mode 0666), who could change the code the probe runs; remove that with chmod go-w\n", writable.err());
        assertEquals("", writable.out());

        Files.setPosixFilePermissions(sensor, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setAttribute(sensor, "unix:uid", 65534);
        ProbeRun foreign = ProbeRun.run("types", "--types", classes.toString());
        assertEquals(2, foreign.exitCode());
        assertEquals("probe: --types " + classes + ": refused: " + sensor + " belongs to uid 65534, neither root nor the"
                + " user running the probe (uid " + TrustedLocation.currentUid() + "), who would run the code found"
                + " there\n", foreign.err());
        Files.setAttribute(sensor, "unix:uid", TrustedLocation.currentUid());
        assertEquals(0, ProbeRun.run("types", "--types", classes.toString()).exitCode(), "trusted again");

        // A directory above that others may write to (and without the sticky bit of /tmp): they could swap it.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        ProbeRun above = ProbeRun.run("types", "--types", classes.toString());
        assertEquals(2, above.exitCode());
        assertEquals("probe: --types " + classes + ": refused: " + tmp.toRealPath() + " is writable by its group and"
                + " others (mode 0777), who could change the code the probe runs; remove that with chmod go-w\n",
                above.err());
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
    }
}
