package org.remotestruct.probe;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.remotestruct.SafeText;
import org.remotestruct.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code probe types}: every struct type the probe knows, one line each, with its layout
 * fingerprint and size and the jar or directory it came from, so a user can see why a target's
 * entry is (or is not) readable.
 */
@Command(name = "types", description = {"List the struct types the probe knows (from --types, $"
    + TypeCatalog.ENVIRONMENT + " and its class path): C name, layout fingerprint, size, record, origin.",
    "Example: probe types --types build/classes"})
final class TypesCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TypeCatalog types = common.types();
        if (types.known().isEmpty()) {
            out.println("no struct types; " + TypeCatalog.HOW_TO_ADD.replace("its @RemoteStruct record",
                    "your @RemoteStruct records"));
        }
        for (TypeCatalog.Known k : types.known()) {
            out.println(line(k));
        }
        out.flush();
        return 0;
    }

    /**
     * {@code Player  fingerprint 0x1234abcd5678ef90  64 bytes  record com.example.Player  from /path/app.jar
     * (--types)}: the C name a registry entry gives, what must match, and where it came from.
     */
    static String line(TypeCatalog.Known k) {
        StructType<?> t = k.type();
        return t.name() + "  fingerprint 0x" + String.format("%016x", t.fingerprint()) + "  " + t.size() + " bytes"
                + "  record " + t.recordType().getName() + "  from " + SafeText.escape(k.location()) + " ("
                + k.source() + ")";
    }
}
