package org.remotestruct.processor.validate;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import org.remotestruct.annotations.CType;
import org.remotestruct.processor.Message;
import org.remotestruct.processor.model.FieldModel;

/**
 * Checks {@code @RemoteStruct(sequence = ...)} against the placed fields: it names a field, that
 * field is one naturally aligned {@code UINT32} or {@code UINT64} (so the kernel copies it in one
 * load and the runtime accepts it as {@code StructLayout.sequenced}), and it is read-only (only the
 * protocol changes it).
 */
final class SequenceChecker {

    private SequenceChecker() {
    }

    /** Reports what is wrong with the sequence attribute of {@code type}, if it is set. */
    static void check(TypeElement type, StructAttributes attributes, LayoutPlanner.Plan plan, ErrorReporter reporter) {
        String name = attributes.sequence();
        if (name.isEmpty()) {
            return;
        }
        List<Candidate> fields = plan.fields();
        Optional<Candidate> found = fields.stream().filter(c -> c.field().name().equals(name)).findFirst();
        if (found.isEmpty()) {
            reporter.report(Message.SEQUENCE_UNKNOWN, Location.attribute(type, attributes.mirror(), "sequence"), name,
                    type.getSimpleName(), fields.stream().map(c -> c.field().name()).toList());
            return;
        }
        FieldModel f = found.get().field();
        boolean scalar = (f.type() == CType.UINT32 || f.type() == CType.UINT64) && !f.hasLength() && !f.isBitfield();
        if (!scalar || f.offset() % f.elementSize() != 0) {
            String shape = f.type() + (f.hasLength() ? "[" + f.length() + "]" : "") + (f.isBitfield() ? " bitfield" : "");
            reporter.report(Message.SEQUENCE_TYPE, found.get().location(), name, shape, f.offset());
        }
        if (f.writable()) {
            reporter.report(Message.SEQUENCE_WRITABLE, found.get().location(), name);
        }
    }
}
