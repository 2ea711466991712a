package org.remotestruct.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.remotestruct.ProcessChangedException;
import org.remotestruct.ProcessGoneException;
import org.remotestruct.ReadBatch;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructType;
import org.remotestruct.registry.AddressRegistry;
import org.remotestruct.registry.RegistryEntry;
import org.remotestruct.registry.RemoteArray;
import org.remotestruct.registry.StaleRegistryException;

/**
 * Reads the entries of one target, every one of them in a single {@code process_vm_readv} per
 * {@link #read()}, within {@link ReadLimits}; the elements are kept as read and decoded through
 * the known {@link StructType}s when shown. Binding (layout, identity and mapping checks) happens
 * once, in the constructor; each read then checks the target with the image cookie the read
 * carries and one {@link AddressRegistry#recheck()}. Not thread-safe.
 */
final class TargetReader {

    /** One bound entry and the batch slot holding its elements after each read. */
    record Bound(RegistryEntry entry, RawStructType type, Supplier<List<RawStructType.Element>> values) {
    }

    /**
     * One read of a target: its bound entries and, at the same index, each one's elements as read;
     * whether any entry is a sequenced struct, and if so the target's counts so far: structs read
     * again because a read caught them mid-update, and structs given up as unstable. Holds bytes
     * only; {@link #entries()} decodes them.
     */
    record Snapshot(AddressRegistry registry, List<Bound> bound, List<List<RawStructType.Element>> values,
            boolean sequenced, long snapshotRetries, long unstableReads) {

        /** The entries decoded, by entry name in registry order, each a list of its elements' fields. */
        Map<String, List<Map<String, Object>>> entries() {
            Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
            for (int i = 0; i < bound.size(); i++) {
                RawStructType type = bound.get(i).type();
                out.put(bound.get(i).entry().name(), values.get(i).stream().map(type::fields).toList());
            }
            return out;
        }
    }

    private final AddressRegistry registry;
    private final RemoteProcess process;
    private final ReadBatch batch;
    private final List<Bound> bound = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> unknown = new ArrayList<>();
    /** Whether any bound entry is a sequenced struct. */
    private boolean sequenced;
    private int overLimits;
    private long bytes;
    private long elements;

    /**
     * Binds the entries of {@code registry} named in {@code only} (all if empty) whose type is in
     * {@code types}, as far as {@code limits} allow; entries past the limits are skipped and listed
     * by {@link #skipped()}, entries of unknown types by {@link #unknownTypes()}. An entry past the
     * limits is not bound: its mappings are not even checked.
     *
     * @throws ProbeException if an entry in {@code only} is not published, has an unknown type, or
     *     is past the limits
     */
    TargetReader(AddressRegistry registry, TypeCatalog types, List<String> only, ReadLimits limits) {
        this.registry = registry;
        this.process = registry.attach();
        this.batch = process.newReadBatch();
        for (String name : only) {
            if (registry.content().entry(name).isEmpty()) {
                throw new ProbeException(ProbeException.TARGET, Targets.label(registry) + " has no entry '" + name
                        + "'; entries: " + registry.content().entries().stream().map(RegistryEntry::name).toList());
            }
        }
        Map<RegistryEntry, DecodingType> typed = new LinkedHashMap<>();
        for (RegistryEntry e : registry.content().entries()) {
            if (!only.isEmpty() && !only.contains(e.name())) {
                continue;
            }
            DecodingType type = DecodingType.find(types, e).orElse(null);
            if (type == null) {
                if (!only.isEmpty()) {
                    throw new ProbeException(ProbeException.TARGET, TypeCatalog.unknown(Targets.label(registry), e));
                }
                unknown.add(TypeCatalog.unknown(Targets.label(registry), e));
            } else {
                typed.put(e, type);
            }
        }
        Map<RegistryEntry, String> refused = limits.refusals(List.copyOf(typed.keySet()));
        for (Map.Entry<RegistryEntry, DecodingType> t : typed.entrySet()) {
            RegistryEntry e = t.getKey();
            if (refused.containsKey(e)) {
                overLimits++;
                skip(refused.get(e), only);
                continue;
            }
            RawStructType raw = new RawStructType(t.getValue());
            RemoteArray<RawStructType.Element> array = registry.array(e.name(), raw);
            bound.add(new Bound(e, raw, batch.addArray(raw, array.address(), array.size())));
            sequenced |= raw.layout().sequence() != null;
            bytes += e.byteLength();
            elements += e.count();
        }
    }

    /** Leaves an entry out; fails instead if the user named the entries to read. */
    private void skip(String why, List<String> only) {
        if (!only.isEmpty()) {
            throw new ProbeException(ProbeException.TARGET, why);
        }
        skipped.add(why);
    }

    /**
     * Reads every bound entry with one batch, whose image cookie proves the bytes came from the
     * program image bound to, then {@link AddressRegistry#recheck() rechecks} that its owner could
     * read the target after that read: data the owner could not have read is never returned.
     *
     * @throws StaleRegistryException if the target has exited, exec'd or restarted
     * @throws org.remotestruct.registry.UnsafeRegistryFileException if the owner may no longer read it
     * @throws org.remotestruct.RemoteAccessException if the read failed otherwise
     */
    Snapshot read() {
        if (bound.isEmpty()) {
            registry.verify(); // every entry was left out: no read carries the cookie, so check in full
        } else {
            try {
                batch.execute();
            } catch (ProcessChangedException | ProcessGoneException e) {
                registry.verify(); // the registry's verdict, for good: exec'd, gone or restarted (stale)
                throw e;
            }
            registry.recheck();
        }
        List<List<RawStructType.Element>> values = new ArrayList<>(bound.size());
        for (Bound b : bound) {
            values.add(b.values().get());
        }
        return new Snapshot(registry, bound, values, sequenced, batch.snapshotRetries(), batch.unstableReads());
    }

    /** The process the entries are read from. */
    RemoteProcess process() {
        return process;
    }

    /** The bound entries in registry order. */
    List<Bound> bound() {
        return bound;
    }

    /** Why entries were left out for the limits, one message each. */
    List<String> skipped() {
        return skipped;
    }

    /** The entries left out because the probe does not know their type, one message each. */
    List<String> unknownTypes() {
        return unknown;
    }

    /**
     * Fails if an entry was left out for its unknown type: a command that shows one target must not
     * print a partial (or empty) result with exit code 0 as if that were all the target holds.
     *
     * @throws ProbeException (exit code 1) naming every such entry, its type and how to add it
     */
    void requireKnownTypes() {
        if (!unknown.isEmpty()) {
            throw new ProbeException(ProbeException.TARGET, String.join("; and ", unknown));
        }
    }

    /** How many entries were left out because of the {@link ReadLimits}. */
    int overLimits() {
        return overLimits;
    }

    /** Bytes of the bound entries: what one {@link #read()} transfers. */
    long bytes() {
        return bytes;
    }

    /** Elements of the bound entries: what one {@link #read()} decodes. */
    long elements() {
        return elements;
    }
}
