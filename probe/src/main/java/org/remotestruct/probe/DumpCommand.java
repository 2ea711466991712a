package org.remotestruct.probe;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.remotestruct.registry.AddressRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code probe dump}: one target's entries as JSON, all read in one syscall. An entry of one
 * element is an object, an array entry a list of objects; see {@link Json} for NaN and byte arrays.
 */
@Command(name = "dump", description = "Print the entries of a target as JSON (all entries if none is named).")
final class DumpCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    LimitOptions limits;

    @Mixin
    FollowOptions follow;

    @Parameters(index = "0", paramLabel = "TARGET", description = "pid or registered name")
    String target;

    @Parameters(index = "1..*", paramLabel = "ENTRY", description = "entries to dump (default: all)")
    List<String> entries = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AddressRegistry registry = Targets.resolve(limits.scanner(), common.directory(), target);
        TargetReader reader = new TargetReader(registry, common.types(), entries, limits.read());
        reader.requireKnownTypes();
        TargetReader.Snapshot snapshot = reader.read();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> doc = document(snapshot, reader);
        if (follow.enabled()) {
            doc.put("pointees", Pointees.follow(reader.process(), reader, snapshot, follow.depth, follow.max).document());
        }
        out.println(Json.write(doc));
        out.flush();
        for (String why : reader.skipped()) {
            spec.commandLine().getErr().println("probe: skipped " + why);
        }
        return 0;
    }

    /** {@code {"process": {...}, "entries": {...}}}: single-element entries as objects, arrays as lists. */
    static Map<String, Object> document(TargetReader.Snapshot snapshot, TargetReader reader) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("pid", snapshot.registry().targetPid());
        process.put("name", Targets.name(snapshot.registry())); // Json escapes every control character
        process.put("registry", snapshot.registry().path().toString());
        Map<String, Object> values = new LinkedHashMap<>();
        for (TargetReader.Bound b : reader.bound()) {
            List<Map<String, Object>> elements = snapshot.entries().get(b.entry().name());
            values.put(b.entry().name(), b.entry().count() == 1 ? elements.get(0) : elements);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("process", process);
        doc.put("entries", values);
        return doc;
    }
}
