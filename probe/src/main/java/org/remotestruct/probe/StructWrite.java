package org.remotestruct.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructLayout;
import org.remotestruct.StructType;
import org.remotestruct.StructView;
import org.remotestruct.WriteBatch;
import org.remotestruct.registry.AddressRegistry;
import org.remotestruct.registry.RegistryEntry;
import org.remotestruct.registry.RemoteArray;

/**
 * Validated values for fields of one struct element of a target, staged in a {@link WriteBatch}
 * (with other structs' fields: one {@code process_vm_writev} for all) and verified by reading the
 * struct back. Every check (entry, type,
 * field, writability, range) runs while values are added, so a refused value means nothing was
 * written.
 */
final class StructWrite {

    private final String label;
    private final RegistryEntry entry;
    private final int index;
    private final DecodingType type;
    private final List<FieldLayout> fields = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    private StructWrite(String label, RegistryEntry entry, int index, DecodingType type) {
        this.label = label;
        this.entry = entry;
        this.index = index;
        this.type = type;
    }

    /**
     * An empty write to element {@code index} of {@code entryName} in {@code registry}.
     *
     * @throws ProbeException if there is no such entry or element, or no known type for it
     */
    static StructWrite of(AddressRegistry registry, TypeCatalog types, String entryName, int index) {
        RegistryEntry e = registry.content().entry(entryName).orElseThrow(() -> new ProbeException(
                ProbeException.REFUSED, Targets.label(registry) + " has no entry '" + entryName + "'; entries: "
                        + registry.content().entries().stream().map(RegistryEntry::name).toList()));
        if (index >= e.count()) {
            throw new ProbeException(ProbeException.REFUSED, "entry '" + entryName + "' has " + e.count()
                    + " element(s); index " + index + " is out of range 0.." + (e.count() - 1));
        }
        DecodingType type = DecodingType.find(types, e).orElseThrow(() -> new ProbeException(
                ProbeException.REFUSED, TypeCatalog.unknown(Targets.label(registry), e)));
        return new StructWrite(e.count() == 1 ? entryName : entryName + "[" + index + "]", e, index, type);
    }

    /**
     * Resolves {@code fieldName} to a writable, settable field of this struct.
     *
     * @throws ProbeException naming the entry, field and type if it is unknown or read-only
     */
    FieldLayout field(String fieldName) {
        StructLayout layout = type.layout();
        FieldLayout f = FieldValues.lookup(layout, fieldName);
        if (f == null) {
            throw new ProbeException(ProbeException.REFUSED, label + "." + fieldName + ": struct " + layout.name()
                    + " has no field '" + fieldName + "'; fields: " + layout.fields().stream()
                            .map(x -> x.name() + " (" + FieldValues.cName(x) + (x.writable() ? ", writable)" : ")"))
                            .collect(Collectors.joining(", ")));
        }
        if (!f.writable() || !FieldValues.settable(f)) {
            String writable = layout.fields().stream().filter(FieldLayout::writable).map(FieldLayout::name)
                    .collect(Collectors.joining(", "));
            throw new ProbeException(ProbeException.REFUSED, label + "." + f.name() + " (" + FieldValues.cName(f)
                    + ") is " + (!f.writable() ? "read-only" : f.isBitfield() ? "a bitfield, which probe set does not "
                            + "write (its unit needs a read-modify-write: use the generated view's write method)"
                            : "not settable from text")
                    + "; writable fields of " + layout.name() + ": " + (writable.isEmpty() ? "none" : writable));
        }
        return f;
    }

    /**
     * Adds {@code text} as the new value of {@code fieldName}.
     *
     * @throws ProbeException naming entry, field, type and accepted range if refused
     */
    void add(String fieldName, String text) {
        FieldLayout f = field(fieldName);
        try {
            Object value = FieldValues.parse(f, text);
            int at = fields.indexOf(f);
            if (at >= 0) {
                values.set(at, value);
            } else {
                fields.add(f);
                values.add(value);
            }
        } catch (IllegalArgumentException e) {
            throw new ProbeException(ProbeException.REFUSED, label + "." + f.name() + ": " + e.getMessage());
        }
    }

    /** {@code config} or {@code players[3]}. */
    String label() {
        return label;
    }

    /** The view of the element, after the writable-binding checks (private writable mappings). */
    StructView<?> bind(AddressRegistry registry) {
        RemoteArray<Decoded> array = registry.writableArray(entry.name(), type);
        return StructView.of(type.delegate(), array.process(), array.address() + (long) index * type.size());
    }

    /**
     * Encodes every added field and stages it in {@code batch} (nothing is written yet); failures
     * of the batch name the fields {@code config.maxHp}, {@code players[3].name}.
     */
    void stage(StructView<?> view, WriteBatch batch) {
        for (int i = 0; i < fields.size(); i++) {
            view.stageField(batch, label, fields.get(i).name(), values.get(i));
        }
    }

    /**
     * Writes every added field with one syscall of its own and reads the struct back.
     *
     * @return the lines of {@link #verify}
     */
    List<String> apply(StructView<?> view) {
        WriteBatch batch = view.process().newWriteBatch();
        stage(view, batch);
        batch.apply();
        return verify(view);
    }

    /**
     * Reads the struct back (one syscall) after its staged fields were written.
     *
     * @return one line per field: what was written and whether the read-back matched
     */
    List<String> verify(StructView<?> view) {
        Map<String, Object> back = view.readToMap();
        List<String> report = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldLayout f = fields.get(i);
            Object now = back.get(f.name());
            report.add(label + "." + f.name() + " = " + Json.write(values.get(i)) + " (" + FieldValues.cName(f) + ") "
                    + (same(values.get(i), now) ? "written, read back" : "written, but the target has changed it "
                            + "since: now " + Json.write(now)));
        }
        return report;
    }

    /** Whether {@code read} is the value {@code written} (integers compared by their raw bits). */
    private static boolean same(Object written, Object read) {
        if (written instanceof Long w && read instanceof Number r && !(read instanceof Float || read instanceof Double)) {
            return w == r.longValue();
        }
        return java.util.Objects.equals(written, read);
    }

    /** The current value of integer field {@code f}, read with one syscall. */
    long readInteger(StructView<?> view, FieldLayout f) {
        return ((Number) view.readField(f.name())).longValue();
    }
}
