package org.remotestruct.samples.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.remotestruct.registry.AddressRegistry;
import org.remotestruct.registry.RegistryEntry;
import org.remotestruct.registry.RegistryFile;
import org.remotestruct.registry.RegistryWriter;

/** A second registry for a live target, written beside its own with changed entries, as another build might. */
public final class ForgedRegistry {

    private ForgedRegistry() {
    }

    /**
     * Writes {@code dir/<label>.registry}: the registry of {@code target} (a file in {@code dir}) under
     * {@code label}, its entries changed by {@code change}; returns the new file.
     */
    public static Path write(Path dir, String target, String label, UnaryOperator<List<RegistryEntry>> change)
            throws IOException {
        RegistryFile real = AddressRegistry.load(dir.resolve(target + ".registry")).content();
        Path file = dir.resolve(label + ".registry");
        Files.writeString(file, RegistryWriter.format(new RegistryFile(real.pid(), real.startTime(), real.bootId(),
                label, change.apply(real.entries()))));
        return file;
    }

    /** {@code entries} and one more: {@code name} of C type {@code type}, over the bytes of {@code over}. */
    public static List<RegistryEntry> plus(List<RegistryEntry> entries, String name, String type, String over) {
        RegistryEntry e = entries.stream().filter(x -> x.name().equals(over)).findFirst().orElseThrow();
        return Stream.concat(entries.stream(), Stream.of(
                new RegistryEntry(name, type, e.address(), e.count(), e.elementSize(), e.fingerprint()))).toList();
    }
}
