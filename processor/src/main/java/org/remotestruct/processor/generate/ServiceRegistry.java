package org.remotestruct.processor.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Collects the generated {@code StructType} providers over all rounds and writes
 * {@code META-INF/services/org.remotestruct.StructType} once, merged with the file an earlier
 * (incremental) compilation left in the class output.
 */
public final class ServiceRegistry {

    /** Where {@link java.util.ServiceLoader} looks for struct types. */
    public static final String PATH = "META-INF/services/org.remotestruct.StructType";

    private final Set<String> providers = new TreeSet<>();

    /** Registers the provider with binary name {@code binaryName}. */
    public void add(String binaryName) {
        providers.add(binaryName);
    }

    /**
     * Writes the service file if anything was registered. Entries of the earlier file are kept if
     * {@code elements} still finds their class, so a deleted record does not leave a provider
     * {@code ServiceLoader} would fail on.
     *
     * @throws IOException if the file cannot be written
     */
    public void write(Filer filer, Elements elements) throws IOException {
        if (providers.isEmpty()) {
            return;
        }
        Set<String> all = new TreeSet<>(providers);
        for (String provider : existing(filer)) {
            if (elements.getTypeElement(provider.replace('$', '.')) != null) {
                all.add(provider);
            }
        }
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", PATH);
        try (Writer out = file.openWriter()) {
            for (String provider : all) {
                out.write(provider);
                out.write('\n');
            }
        }
    }

    private static Set<String> existing(Filer filer) {
        Set<String> out = new TreeSet<>();
        try {
            FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PATH);
            try (BufferedReader in = new BufferedReader(file.openReader(true))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String provider = line.replaceFirst("#.*", "").trim();
                    if (!provider.isEmpty()) {
                        out.add(provider);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // No earlier file (a clean build): nothing to merge.
            return out;
        }
        return out;
    }
}
