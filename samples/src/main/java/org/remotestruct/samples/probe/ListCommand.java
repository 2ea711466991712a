package org.remotestruct.samples.probe;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.remotestruct.registry.AddressRegistry;
import org.remotestruct.registry.Discovery;
import org.remotestruct.registry.RegistryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code probe list}: every registered process, live ones first, then every refused file with its reason. */
@Command(name = "list", description = "List live registered processes, and stale or unsafe registry files with the reason.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = common.directory();
        Discovery found = AddressRegistry.discover(dir);
        if (found.live().isEmpty() && found.skipped().isEmpty()) {
            out.println("no registries in " + dir);
        }
        for (AddressRegistry r : found.live()) {
            out.println(liveLine(r));
        }
        for (Discovery.Skipped s : found.skipped()) {
            out.println(s.reason() + "  " + s.file() + ": " + ErrorReporter.oneLine(s.message()));
        }
        out.flush();
        return 0;
    }

    /** {@code LIVE  game-1  pid 42  entries: world (World), players (Player[64])}. */
    static String liveLine(AddressRegistry r) {
        String entries = r.content().entries().stream().map(ListCommand::describe).collect(Collectors.joining(", "));
        return "LIVE  " + Targets.name(r) + "  pid " + Targets.pid(r) + "  entries: "
                + (entries.isEmpty() ? "none" : entries);
    }

    private static String describe(RegistryEntry e) {
        return e.name() + " (" + e.typeName() + (e.count() == 1 ? "" : "[" + e.count() + "]") + ")";
    }
}
