package org.remotestruct.processor.validate;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import org.remotestruct.processor.Message;
import org.remotestruct.processor.model.CLayout;
import org.remotestruct.processor.model.FieldModel;
import org.remotestruct.processor.model.StructModel;

/**
 * Decides how a record's fields are placed (every offset given, none given, or a union) and places
 * them: explicit offsets as written, otherwise by {@link CLayout}. Bitfields that share bytes are
 * given one storage unit, the bytes their reads fetch and their writes rewrite.
 */
final class LayoutPlanner {

    /** The placed fields, {@code sizeof}, {@code _Alignof} and how the layout was given. */
    record Plan(List<Candidate> fields, int size, int alignment, StructModel.Kind kind) {
    }

    private LayoutPlanner() {
    }

    /** The plan, or {@code null} when the fields cannot be placed (errors reported, or some field invalid). */
    static Plan plan(TypeElement type, StructAttributes attributes, String structName, List<Candidate> fields,
            ErrorReporter reporter) {
        boolean complete = fields.size() == type.getRecordComponents().size();
        for (Candidate c : fields) {
            FieldModel f = c.field();
            if (f.nestsUnion() && f.anonymous() && f.nested().pack() != attributes.pack()) {
                reporter.report(Message.NOT_APPLICABLE, c.location(), f.name(), "anonymous",
                        "C packs an anonymous union like the struct around it (pack = " + attributes.pack()
                                + "), and union " + f.nested().structName() + " has pack = " + f.nested().pack());
            }
        }
        if (attributes.union()) {
            return union(attributes, structName, fields, complete, type, reporter);
        }
        Candidate explicit = fields.stream().filter(Candidate::offsetGiven).findFirst().orElse(null);
        Candidate automatic = fields.stream().filter(c -> !c.offsetGiven()).findFirst().orElse(null);
        if (explicit != null && automatic != null) {
            Candidate later = fields.indexOf(explicit) < fields.indexOf(automatic) ? automatic : explicit;
            Candidate first = later == explicit ? automatic : explicit;
            reporter.report(Message.MIXED_OFFSETS, later.offsetLocation(), later.field().name(), offsetText(later),
                    first.field().name(), offsetText(first));
            return null;
        }
        if (explicit != null) {
            return explicitPlan(type, attributes, fields, reporter);
        }
        return complete ? automaticPlan(type, attributes, structName, fields, false, reporter) : null;
    }

    private static String offsetText(Candidate c) {
        return c.offsetGiven() ? "gives offset " + c.field().offset() : "gives no offset";
    }

    private static Plan union(StructAttributes attributes, String structName, List<Candidate> fields,
            boolean complete, TypeElement type, ErrorReporter reporter) {
        int errors = reporter.errorCount();
        for (Candidate c : fields) {
            FieldModel f = c.field();
            if (c.offsetGiven() && f.offset() != 0) {
                reporter.report(Message.UNION_MEMBER_OFFSET, c.offsetLocation(), f.name(), f.offset());
            }
            if (c.bitGiven() && f.bitOffset() != 0) {
                reporter.report(Message.NOT_APPLICABLE, c.location(), f.name(), "bit = " + f.bitOffset(),
                        "every bitfield of a union starts at bit 0");
            }
            if (f.newUnit()) {
                reporter.report(Message.NOT_APPLICABLE, c.location(), f.name(), "newUnit",
                        "every member of a union starts at offset 0 anyway");
            }
        }
        if (!complete || reporter.errorCount() > errors) {
            return null;
        }
        return automaticPlan(type, attributes, structName, fields, true, reporter);
    }

    private static Plan explicitPlan(TypeElement type, StructAttributes attributes, List<Candidate> fields,
            ErrorReporter reporter) {
        for (Candidate c : fields) {
            FieldModel f = c.field();
            if (f.isBitfield() && !c.bitGiven()) {
                reporter.report(Message.MIXED_OFFSETS, c.offsetLocation(), f.name(), "gives offset " + f.offset(),
                        f.name(), "gives no bit (its lowest bit in the storage unit at that offset)");
            }
            if (f.align() != 0 || f.newUnit()) {
                reporter.report(Message.NOT_APPLICABLE, c.location(), f.name(), f.align() != 0 ? "align" : "newUnit",
                        "only automatic layout places fields; this record gives every offset");
            }
        }
        List<FieldModel> models = fields.stream().map(Candidate::field).toList();
        long end = models.stream().mapToLong(FieldModel::end).max().orElse(0);
        boolean misaligned = models.stream().anyMatch(f -> !f.aligned());
        long size = attributes.sizeGiven() ? attributes.size()
                : roundUp(end, cap(misaligned ? 1 : StructModel.naturalAlignment(models), attributes));
        if (!attributes.sizeGiven() && size <= 0) {
            reporter.report(Message.SIZE_NOT_POSITIVE, Location.of(type), size);
            return null;
        }
        if (size > Integer.MAX_VALUE) {
            return null; // reported as a field past the end by the layout checks
        }
        int finalAlignment = cap(StructModel.explicitAlignment(models, (int) size), attributes);
        return new Plan(fields, (int) size, finalAlignment, StructModel.Kind.EXPLICIT_STRUCT);
    }

    private static int cap(int alignment, StructAttributes attributes) {
        int capped = attributes.pack() > 0 ? Math.min(alignment, attributes.pack()) : alignment;
        return Math.max(capped, Math.max(1, attributes.align()));
    }

    private static Plan automaticPlan(TypeElement type, StructAttributes attributes, String structName,
            List<Candidate> fields, boolean union, ErrorReporter reporter) {
        List<CLayout.Member> members = new ArrayList<>();
        for (Candidate c : fields) {
            FieldModel f = c.field();
            members.add(new CLayout.Member(f.byteLength(), f.alignment(), f.align(), f.bits(), f.newUnit()));
        }
        CLayout.Result result = CLayout.layout(members, union, attributes.pack(), attributes.align());
        if (result.size() > Integer.MAX_VALUE || result.size() <= 0) {
            reporter.report(Message.SIZE_NOT_POSITIVE, Location.of(type), result.size());
            return null;
        }
        int size = (int) result.size();
        if (attributes.sizeGiven() && attributes.size() > 0 && attributes.size() != size) {
            reporter.report(Message.SIZE_MISMATCH, Location.attribute(type, attributes.mirror(), "size"),
                    attributes.size(), union ? "union" : "struct", structName, size, result.alignment());
        }
        List<Candidate> placed = new ArrayList<>(fields);
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).field().isBitfield()) {
                long bit = result.bitOffsets().get(i);
                placed.set(i, fields.get(i).with(fields.get(i).field().placed((int) (bit / 8),
                        fields.get(i).field().elementSize(), 0)));
            }
        }
        placeBitfields(fields, result.bitOffsets(), placed);
        return new Plan(placed, size, result.alignment(),
                union ? StructModel.Kind.UNION : StructModel.Kind.AUTOMATIC_STRUCT);
    }

    /**
     * Gives each bitfield the unit of bytes it shares with the bitfields next to it: the smallest
     * byte range holding its bits, merged with every other such range it overlaps. A write then
     * rewrites only bytes that hold bitfields of that unit, never a neighbouring ordinary field.
     */
    private static void placeBitfields(List<Candidate> fields, List<Long> bitOffsets, List<Candidate> placed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).field().isBitfield()) {
                order.add(i);
            }
        }
        order.sort((a, b) -> Long.compare(bitOffsets.get(a), bitOffsets.get(b)));
        int start = 0;
        while (start < order.size()) {
            int first = order.get(start);
            long lo = bitOffsets.get(first) / 8;
            long hi = (bitOffsets.get(first) + fields.get(first).field().bits() + 7) / 8;
            int next = start + 1;
            while (next < order.size() && bitOffsets.get(order.get(next)) / 8 < hi) {
                int i = order.get(next);
                hi = Math.max(hi, (bitOffsets.get(i) + fields.get(i).field().bits() + 7) / 8);
                next++;
            }
            for (int k = start; k < next; k++) {
                int i = order.get(k);
                FieldModel f = fields.get(i).field();
                placed.set(i, fields.get(i).with(f.placed((int) lo, (int) (hi - lo), (int) (bitOffsets.get(i) - 8 * lo))));
            }
            start = next;
        }
    }

    private static long roundUp(long value, long multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
