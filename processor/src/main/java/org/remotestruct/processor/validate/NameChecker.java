package org.remotestruct.processor.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.remotestruct.processor.Message;
import org.remotestruct.processor.model.FieldModel;
import org.remotestruct.processor.model.Names;

/**
 * Finds component names the generated code cannot use: names that clash with a generated member
 * or with each other's generated constants, and names the C header cannot declare.
 */
final class NameChecker {

    /** {@code Writer} has a fluent method per writable field; these names are taken there. */
    private static final Set<String> WRITER_TAKEN = Set.of("apply", "equals", "hashCode", "toString",
            "getClass", "notify", "notifyAll", "wait", "clone", "finalize");

    /** Padding members of the generated C header. */
    private static final Pattern PADDING = Pattern.compile("_pad[0-9]+");

    private NameChecker() {
    }

    static void check(List<Candidate> fields, ErrorReporter reporter) {
        Map<String, String> byConstantPrefix = new HashMap<>();
        Map<String, String> cMembers = new HashMap<>();
        for (Candidate c : fields) {
            for (String member : cMemberNames(c.field())) {
                String owner = cMembers.putIfAbsent(member, c.field().name());
                if (owner != null && (!owner.equals(c.field().name()) || c.field().anonymous())) {
                    reporter.report(Message.NAME_CLASH, c.location(), c.field().name(),
                            "member '" + member + "' of the C struct, which '" + owner + "' declares too");
                }
            }
        }
        Map<String, String> extraReads = new HashMap<>();
        for (Candidate c : fields) {
            String name = c.field().name();
            if (c.field().enumModel() != null) {
                extraReads.put(name + "Raw", "the raw read of enum field '" + name + "'");
            }
            if (c.field().pointee() != null && !c.field().pointee().isString() && c.field().length() == 1) {
                extraReads.put(name + "View", "the dereferencing read of pointer field '" + name + "'");
            }
        }
        for (Candidate c : fields) {
            FieldModel f = c.field();
            String extra = extraReads.get(f.name());
            if (extra != null) {
                reporter.report(Message.NAME_CLASH, c.location(), f.name(),
                        "read" + Names.capitalize(f.name()) + "(), " + extra);
            }
            String clash = clash(f, byConstantPrefix);
            if (clash != null) {
                reporter.report(Message.NAME_CLASH, c.location(), f.name(), clash);
            }
            if (!Names.isCIdentifier(f.name())) {
                reporter.report(Message.NOT_C_IDENTIFIER, c.location(), "member name", f.name());
            }
        }
    }

    /** The names C sees: the field's own, or an anonymous union's members. */
    private static List<String> cMemberNames(FieldModel f) {
        if (!f.nestsUnion() || !f.anonymous()) {
            return List.of(f.name());
        }
        return f.nested().fields().stream().flatMap(m -> cMemberNames(m).stream()).toList();
    }

    private static String clash(FieldModel f, Map<String, String> byConstantPrefix) {
        String other = byConstantPrefix.putIfAbsent(f.constantPrefix(), f.name());
        if (other != null) {
            return "component '" + other + "' (both would generate " + f.constantPrefix() + "_OFFSET)";
        }
        if (f.name().equals("array")) {
            return "the static method readArray(RemoteProcess, long, int)";
        }
        if (f.writable() && WRITER_TAKEN.contains(f.name())) {
            return "the method Writer." + f.name() + "() of the batched writer";
        }
        if (PADDING.matcher(f.name()).matches()) {
            return "the padding member " + f.name() + " of the C header";
        }
        return null;
    }
}
