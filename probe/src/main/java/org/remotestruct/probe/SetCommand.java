package org.remotestruct.probe;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructView;
import org.remotestruct.WriteBatch;
import org.remotestruct.annotations.CType;
import org.remotestruct.registry.AddressRegistry;
import org.remotestruct.registry.RegistryScanner;
import org.remotestruct.registry.ScanLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code probe set}: typed writes into a live target. All assignments, to however many structs,
 * go out in one {@code process_vm_writev} (a {@link WriteBatch}) and each struct is read back;
 * every value is checked before anything is written. {@code --bump} then increments a generation
 * counter in a separate, final write, so a target that applies its config on a generation change
 * never sees it half-written.
 */
@Command(name = "set", description = {"Write fields of a live target: one syscall for all assignments, verified by "
    + "read-back.",
    "Example: probe set game-1 config.max_hp=150 'config.motd=hello' --bump"})
final class SetCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "TARGET", description = "pid or registered name")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "ENTRY.FIELD=VALUE",
            description = "assignments; ENTRY[INDEX].FIELD=VALUE for an element of an array entry")
    List<String> assignments;

    @Option(names = "--bump", arity = "0..1", fallbackValue = "config.generation", paramLabel = "ENTRY.FIELD",
            description = "after the writes, increment this integer field in a separate write "
                    + "(default when given without a value: ${FALLBACK-VALUE})")
    String bump;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AddressRegistry registry = Targets.resolve(new RegistryScanner(ScanLimits.DEFAULTS), common.directory(), target);
        TypeCatalog types = common.types();
        Map<String, StructWrite> writes = new LinkedHashMap<>();
        for (String text : assignments) {
            Assignment a = Assignment.parse(text);
            writes.computeIfAbsent(a.entry() + "[" + a.index() + "]",
                    k -> StructWrite.of(registry, types, a.entry(), a.index())).add(a.field(), a.value());
        }
        StructWrite bumped = null;
        FieldLayout counter = null;
        if (bump != null) {
            Assignment b = Assignment.parse(bump + "=0");
            bumped = StructWrite.of(registry, types, b.entry(), b.index());
            counter = bumped.field(b.field());
            if (counter.type() == CType.FLOAT || counter.type() == CType.DOUBLE || counter.type() == CType.BOOL
                    || counter.type() == CType.CHAR) {
                throw new ProbeException(ProbeException.REFUSED, "--bump " + bump + ": " + FieldValues.cName(counter)
                        + " is not an integer counter");
            }
        }
        List<StructView<?>> bound = new ArrayList<>();
        for (StructWrite w : writes.values()) {
            bound.add(w.bind(registry));
        }
        StructView<?> bumpSupport = bumped == null ? null : bumped.bind(registry);
        PrintWriter out = spec.commandLine().getOut();
        writeTogether(List.copyOf(writes.values()), bound, out, spec.commandLine().getErr());
        if (bumped != null) {
            long current = bumped.readInteger(bumpSupport, counter);
            bumped.add(counter.name(), nextCount(counter.type(), current));
            bumped.apply(bumpSupport).forEach(line -> out.println(line + " (bumped from " + current + ")"));
        }
        out.flush();
        return 0;
    }

    /**
     * {@code current + 1} wrapped to the counter's C type, as {@code ++counter} does in C: the
     * target watches for a change, so a counter at its maximum must wrap, not refuse the bump after
     * the fields it publishes were already written.
     */
    static String nextCount(CType type, long current) {
        long next = current + 1;
        return switch (type) {
            case INT8 -> Long.toString((byte) next);
            case INT16 -> Long.toString((short) next);
            case INT32 -> Long.toString((int) next);
            case UINT8 -> Long.toString(next & 0xffL);
            case UINT16 -> Long.toString(next & 0xffffL);
            case UINT32 -> Long.toString(next & 0xffff_ffffL);
            case UINT64, POINTER -> Long.toUnsignedString(next);
            default -> Long.toString(next);
        };
    }

    /**
     * Writes every assignment, to however many structs, with one {@code process_vm_writev}, then
     * reads each struct back. A partial write names what landed (see {@link WriteBatch#apply()}).
     * Where the write for the registry's owner could not be made with the owner's credentials, a
     * note on {@code err} says so and why ({@link org.remotestruct.RemoteProcess#execWindowBeforeWrites()}).
     */
    private static void writeTogether(List<StructWrite> writes, List<StructView<?>> bound, PrintWriter out,
            PrintWriter err) {
        WriteBatch batch = bound.get(0).process().newWriteBatch();
        for (int i = 0; i < writes.size(); i++) {
            writes.get(i).stage(bound.get(i), batch);
        }
        batch.apply();
        String window = bound.get(0).process().execWindowBeforeWrites();
        if (window != null) { // the write landed, but the operator should know how it was made
            err.println("probe: note: " + window + " (docs/security.md)");
            err.flush();
        }
        for (int i = 0; i < writes.size(); i++) {
            writes.get(i).verify(bound.get(i)).forEach(out::println);
        }
    }
}
