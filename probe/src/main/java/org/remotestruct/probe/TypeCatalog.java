package org.remotestruct.probe;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.remotestruct.SafeText;
import org.remotestruct.StructType;
import org.remotestruct.registry.RegistryEntry;

/**
 * The struct types the probe knows: every {@link StructType} that {@link ServiceLoader} finds
 * (through the {@code META-INF/services/org.remotestruct.StructType} files the annotation processor
 * writes) in the jars and class directories given with {@code --types} and in
 * {@value #ENVIRONMENT}, and on the probe's own class path. {@code java -jar} ignores any class
 * path, so the given locations get a class loader of their own, whose parent is the probe's: the
 * runtime classes the types use are the probe's. A location another user could change is refused
 * ({@link TrustedLocation}): the probe runs the code it loads.
 */
final class TypeCatalog {

    /** The environment variable holding more type locations, separated by {@link File#pathSeparator}. */
    static final String ENVIRONMENT = "REMOTESTRUCT_PROBE_TYPES";

    /** What to tell a user whose target has a type the probe does not know. */
    static final String HOW_TO_ADD = "pass the jar or class directory holding its @RemoteStruct record with "
            + "--types JAR_OR_DIR (or in $" + ENVIRONMENT + "); 'probe types' lists the known types";

    private static final String SERVICES = "META-INF/services/" + StructType.class.getName();

    /**
     * One known type and where it came from.
     *
     * @param type the type
     * @param location the jar or directory its class was loaded from
     * @param source how the probe got that location: {@code --types}, {@code $REMOTESTRUCT_PROBE_TYPES}
     *     or {@code class path}
     */
    record Known(StructType<?> type, String location, String source) {
    }

    private final List<Known> known;

    private TypeCatalog(List<Known> known) {
        this.known = List.copyOf(known);
    }

    /**
     * The types in {@code options} (the {@code --types} values), in {@code environment} (the value of
     * {@value #ENVIRONMENT}, {@code null} if unset) and on the class path of {@code parent}.
     *
     * @throws ProbeException (exit code 2) if a location is not a readable jar or directory, holds no
     *     struct types, or names a type that cannot be loaded
     */
    static TypeCatalog load(List<Path> options, String environment, ClassLoader parent) {
        Map<Path, String> given = new LinkedHashMap<>();
        for (Path p : options) {
            given.putIfAbsent(p.toAbsolutePath().normalize(), "--types");
        }
        if (environment != null) {
            for (String part : environment.split(File.pathSeparator, -1)) {
                if (!part.isBlank()) { // "a::b" and a trailing ':' are common in shell-built lists
                    given.putIfAbsent(Path.of(part).toAbsolutePath().normalize(), "$" + ENVIRONMENT);
                }
            }
        }
        List<URL> urls = new ArrayList<>();
        for (Map.Entry<Path, String> g : given.entrySet()) {
            urls.add(checkedUrl(g.getKey(), g.getValue()));
        }
        // Never closed: the types' classes are used until the probe exits.
        ClassLoader loader = urls.isEmpty() ? parent : new URLClassLoader(urls.toArray(URL[]::new), parent);
        List<Known> known = new ArrayList<>();
        try {
            for (StructType<?> t : ServiceLoader.load(StructType.class, loader)) {
                Path location = location(t);
                String source = location == null ? null : given.get(location);
                known.add(new Known(t, location == null ? "(unknown)" : location.toString(),
                        source == null ? "class path" : source));
            }
        } catch (ServiceConfigurationError e) {
            throw new ProbeException(ProbeException.USAGE, "cannot load a struct type: " + e.getMessage()
                    + " (is every jar its record needs given with --types?)");
        }
        known.sort(Comparator.comparing((Known k) -> k.type().name()).thenComparing(Known::location));
        return new TypeCatalog(known);
    }

    /** A location as a class loader URL, after checking it is a directory or a jar that lists struct types. */
    private static URL checkedUrl(Path p, String source) {
        String shown = source + " " + SafeText.escape(p.toString());
        try {
            if (Files.isDirectory(p)) {
                if (!Files.isRegularFile(p.resolve(SERVICES))) {
                    throw new ProbeException(ProbeException.USAGE, shown + ": this directory has no " + SERVICES
                            + "; give the class output directory of records compiled with the remotestruct processor");
                }
            } else if (Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    if (jar.getEntry(SERVICES) == null) {
                        throw new ProbeException(ProbeException.USAGE, shown + ": this jar has no " + SERVICES
                                + "; give a jar of records compiled with the remotestruct processor");
                    }
                }
            } else {
                throw new ProbeException(ProbeException.USAGE, shown + ": no such jar or directory");
            }
            String untrusted = TrustedLocation.refusal(p, TrustedLocation.currentUid());
            if (untrusted != null) {
                throw new ProbeException(ProbeException.USAGE, shown + ": refused: " + untrusted);
            }
            return p.toUri().toURL();
        } catch (IOException e) { // a MalformedURLException too
            throw new ProbeException(ProbeException.USAGE, shown + ": not a readable jar or directory ("
                    + e.getMessage() + ")");
        }
    }

    /** The jar or directory {@code t}'s class came from, null if the JVM does not say. */
    private static Path location(StructType<?> t) {
        CodeSource code = t.getClass().getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(code.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Every known type with its origin, by C name. */
    List<Known> known() {
        return known;
    }

    /** Every known type. */
    List<StructType<?>> types() {
        return known.stream().<StructType<?>>map(Known::type).toList();
    }

    /**
     * The type for {@code entry}: of its C name, and among several of that name the one whose
     * layout fingerprint matches (with none matching, the first: binding then reports the mismatch).
     */
    Optional<StructType<?>> forEntry(RegistryEntry entry) {
        List<StructType<?>> named = types().stream().filter(t -> t.name().equals(entry.typeName())).toList();
        return named.stream().filter(t -> t.fingerprint() == entry.fingerprint()).findFirst()
                .or(() -> named.stream().findFirst());
    }

    /** Why {@code entry} of {@code target} cannot be read: its type is not known, and how to add it. */
    static String unknown(String target, RegistryEntry entry) {
        return target + ": entry '" + SafeText.escape(entry.name()) + "' has struct type "
                + SafeText.escape(entry.typeName()) + ", which the probe does not know; " + HOW_TO_ADD;
    }
}
