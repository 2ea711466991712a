package org.remotestruct.processor.validate;

import java.util.List;
import org.remotestruct.annotations.CType;
import org.remotestruct.processor.Message;
import org.remotestruct.processor.model.FieldModel;
import org.remotestruct.processor.model.StructModel;

/**
 * Checks placed fields against each other and the struct: inside the size, no overlaps outside a
 * union (bitfields of one storage unit may share its bytes but not its bits), alignment of
 * explicit offsets.
 */
final class LayoutChecker {

    private LayoutChecker() {
    }

    static void check(String structName, LayoutPlanner.Plan plan, ErrorReporter reporter) {
        List<Candidate> fields = plan.fields();
        int size = plan.size();
        boolean explicit = plan.kind() == StructModel.Kind.EXPLICIT_STRUCT;
        for (int j = 0; j < fields.size(); j++) {
            FieldModel f = fields.get(j).field();
            Location at = fields.get(j).location();
            if (size > 0 && f.end() > size) {
                reportPastEnd(structName, size, f, at, reporter);
            }
            for (int i = 0; i < j && plan.kind() != StructModel.Kind.UNION; i++) {
                FieldModel g = fields.get(i).field();
                if (overlap(f, g)) {
                    reporter.report(Message.OVERLAP, at, f.name(), f.offset(), f.byteLength(),
                            g.name(), g.offset(), g.byteLength());
                }
            }
            if (explicit && !f.aligned()) {
                reporter.report(Message.MISALIGNED, fields.get(j).offsetLocation(), f.name(), f.offset(),
                        f.alignment());
            }
        }
    }

    private static boolean overlap(FieldModel f, FieldModel g) {
        boolean bytes = f.offset() < g.end() && g.offset() < f.end();
        if (!bytes || !f.isBitfield() || !g.isBitfield() || f.offset() != g.offset()
                || f.byteLength() != g.byteLength()) {
            return bytes;
        }
        return f.bitOffset() < g.bitOffset() + g.bits() && g.bitOffset() < f.bitOffset() + f.bits();
    }

    private static void reportPastEnd(String structName, int size, FieldModel f, Location at,
            ErrorReporter reporter) {
        if (f.type() == CType.STRUCT) {
            reporter.report(Message.NESTED_PAST_END, at, f.nested().structName(), f.elementSize(), f.length(),
                    f.name(), f.offset(), f.byteLength(), structName, Math.max(0, size - f.offset()));
        } else {
            reporter.report(Message.PAST_END, at, f.name(), f.offset(), f.byteLength(), f.end(), structName, size);
        }
    }
}
