package org.remotestruct.processor.validate;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.processor.Message;
import org.remotestruct.processor.model.CLayout;
import org.remotestruct.processor.model.TypeMapping;

/** Checks the C shape attributes of one field: {@code bits}, {@code bit}, {@code newUnit}, {@code align}. */
final class FieldShape {

    private FieldShape() {
    }

    static void check(String name, Field f, Element field, AnnotationMirror mirror, boolean bitGiven,
            ErrorReporter reporter) {
        if (f.align() != 0 && !CLayout.isPowerOfTwo(f.align())) {
            reporter.report(Message.ALIGN_INVALID, Location.attribute(field, mirror, "align"),
                    "field '" + name + "'", f.align());
        }
        if (f.bits() == 0) {
            if (bitGiven) {
                reporter.report(Message.NOT_APPLICABLE, Location.attribute(field, mirror, "bit"), name, "bit",
                        "only a bitfield (bits > 0) has a bit position");
            }
            if (f.newUnit()) {
                reporter.report(Message.NOT_APPLICABLE, Location.attribute(field, mirror, "newUnit"), name,
                        "newUnit", "only a bitfield (bits > 0) can start a new storage unit");
            }
            return;
        }
        Location bitsAt = Location.attribute(field, mirror, "bits");
        if (!TypeMapping.isBitfieldType(f.type()) || f.length() > 1) {
            String what = f.length() > 1 ? f.type() + "[" + f.length() + "]" : f.type().toString();
            reporter.report(Message.BITFIELD_TYPE, bitsAt, name, what, f.length() > 1 ? "an array" : f.type());
            return;
        }
        int max = f.type() == CType.BOOL ? 1 : 8 * f.type().size();
        if (f.bits() < 0 || f.bits() > max) {
            reporter.report(Message.BITFIELD_WIDTH, bitsAt, name, f.bits(), f.type().cName(), max);
            return;
        }
        if (f.align() != 0) {
            reporter.report(Message.NOT_APPLICABLE, Location.attribute(field, mirror, "align"), name, "align",
                    "C cannot align a bitfield (_Alignas does not apply to one)");
        }
        int unitBits = 8 * f.type().size();
        if (bitGiven && (f.bit() < 0 || f.bit() + f.bits() > unitBits)) {
            reporter.report(Message.BIT_POSITION, Location.attribute(field, mirror, "bit"), name, f.bit(), f.bits(),
                    unitBits, f.type().cName(), f.offset());
        }
    }
}
