package org.remotestruct.probe;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.remotestruct.SafeText;
import org.remotestruct.registry.AddressRegistry;
import org.remotestruct.registry.Discovery;
import org.remotestruct.registry.RegistryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code probe list}: every registered process, live ones first (each entry the probe would not read
 * within the limits says why), then every refused file with its reason.
 */
@Command(name = "list", description = "List live registered processes, and stale or unsafe registry files with the reason.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    LimitOptions limits;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = common.directory();
        Discovery found = limits.scanner().scan(dir);
        if (found.live().isEmpty() && found.skipped().isEmpty()) {
            out.println("no registries in " + SafeText.escape(dir.toString()));
        }
        ReadLimits read = limits.read();
        TypeCatalog types = common.types();
        for (AddressRegistry r : found.live()) {
            out.println(liveLine(r, read, types));
        }
        for (Discovery.Skipped s : found.skipped()) {
            out.println(s.reason() + "  " + SafeText.escape(s.file().toString()) + ": "
                    + ErrorReporter.oneLine(s.message()));
        }
        out.flush();
        return 0;
    }

    /**
     * {@code LIVE  game-1  pid 42  entries: world (World), players (Player[64])}; an entry that
     * {@code dump}, {@code watch} and {@code serve} would not read within {@code limits} ends with
     * {@code , NOT READ: why}, and one whose struct type the probe does not know ends with
     * {@code , UNKNOWN TYPE: give it with --types}.
     */
    static String liveLine(AddressRegistry r, ReadLimits limits, TypeCatalog types) {
        // The same entries as the readers weigh against the limits: those with a known type.
        List<RegistryEntry> known = r.content().entries().stream().filter(e -> types.forEntry(e).isPresent()).toList();
        Map<RegistryEntry, String> refused = limits.refusals(known);
        String entries = r.content().entries().stream()
                .map(e -> describe(e, known.contains(e) ? refused.get(e) : null, !known.contains(e)))
                .collect(Collectors.joining(", "));
        return "LIVE  " + Targets.shownName(r) + "  pid " + Targets.pid(r) + "  entries: "
                + (entries.isEmpty() ? "none" : entries);
    }

    private static String describe(RegistryEntry e, String refused, boolean unknownType) {
        return e.name() + " (" + e.typeName() + (e.count() == 1 ? "" : "[" + e.count() + "]")
                + (unknownType ? ", UNKNOWN TYPE: give it with --types" : "")
                + (refused == null ? "" : ", NOT READ: " + refused) + ")";
    }
}
