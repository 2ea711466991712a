package org.remotestruct.samples.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.remotestruct.ReadBatch;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructType;
import org.remotestruct.registry.AddressRegistry;
import org.remotestruct.registry.RegistryEntry;
import org.remotestruct.registry.RemoteArray;

/**
 * Reads the entries of one target, every one of them in a single {@code process_vm_readv} per
 * {@link #read()}, decoded through the installed {@link StructType}s. Binding (layout, identity
 * and mapping checks) happens once, in the constructor. Not thread-safe.
 */
final class TargetReader {

    /** One bound entry and the batch slot holding its elements after each read. */
    record Bound(RegistryEntry entry, DecodingType type, Supplier<List<Decoded>> values) {
    }

    /** The entries of one read, by entry name in registry order, each a list of its elements. */
    record Snapshot(AddressRegistry registry, Map<String, List<Map<String, Object>>> entries) {
    }

    private final AddressRegistry registry;
    private final RemoteProcess process;
    private final ReadBatch batch;
    private final List<Bound> bound = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    /**
     * Binds the entries of {@code registry} named in {@code only} (all if empty) whose type is in
     * {@code installed}; other types are skipped and listed by {@link #skipped()}.
     *
     * @throws ProbeException if an entry in {@code only} is not published or has no installed type
     */
    TargetReader(AddressRegistry registry, List<StructType<?>> installed, List<String> only) {
        this.registry = registry;
        this.process = registry.attach();
        this.batch = process.newReadBatch();
        for (String name : only) {
            if (registry.content().entry(name).isEmpty()) {
                throw new ProbeException(ProbeException.TARGET, Targets.label(registry) + " has no entry '" + name
                        + "'; entries: " + registry.content().entries().stream().map(RegistryEntry::name).toList());
            }
        }
        for (RegistryEntry e : registry.content().entries()) {
            if (!only.isEmpty() && !only.contains(e.name())) {
                continue;
            }
            DecodingType type = DecodingType.find(installed, e.typeName()).orElse(null);
            if (type == null) {
                String why = "entry '" + e.name() + "': no struct type " + e.typeName() + " on the class path";
                if (!only.isEmpty()) {
                    throw new ProbeException(ProbeException.TARGET, why);
                }
                skipped.add(why);
                continue;
            }
            RemoteArray<Decoded> array = registry.array(e.name(), type);
            bound.add(new Bound(e, type, batch.addArray(type, array.address(), array.size())));
        }
    }

    /**
     * Reads every bound entry with one batch, then checks the target is still the process the
     * registry names, so a pid reused during the read is never reported as the target's data.
     */
    Snapshot read() {
        batch.execute();
        process.verifyIdentity();
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (Bound b : bound) {
            out.put(b.entry().name(), b.values().get().stream().map(Decoded::fields).toList());
        }
        return new Snapshot(registry, out);
    }

    /** The bound entries in registry order. */
    List<Bound> bound() {
        return bound;
    }

    /** Why entries were left out (no installed type), one message each. */
    List<String> skipped() {
        return skipped;
    }
}
