package org.remotestruct.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * Formats a {@link RegistryFile} as registry text, version 1: the single source of the format for
 * Java publishers. {@link RegistryParser} reads back exactly the data written.
 */
public final class RegistryWriter {

    private RegistryWriter() {
    }

    /** The file's lines, without terminators, ending with the {@code end} line and its checksum. */
    public static List<String> lines(RegistryFile file) {
        List<String> lines = new ArrayList<>();
        lines.add(RegistrySyntax.MAGIC + " " + RegistrySyntax.VERSION);
        lines.add(RegistrySyntax.KEY_PID + " " + file.pid());
        lines.add(RegistrySyntax.KEY_START_TIME + " " + file.startTime());
        lines.add(RegistrySyntax.KEY_BOOT_ID + " " + file.bootId());
        if (file.hasPidNamespace()) {
            lines.add(RegistrySyntax.KEY_PID_NS + " " + file.pidNamespace());
        }
        if (file.image() != null) {
            lines.add(RegistrySyntax.KEY_IMAGE + " " + file.image());
        }
        if (file.processName() != null) {
            lines.add(RegistrySyntax.KEY_NAME + " " + file.processName());
        }
        for (RegistryEntry e : file.entries()) {
            lines.add(String.join(" ", RegistrySyntax.ENTRY, e.name(), e.typeName(),
                    "0x" + Long.toHexString(e.address()), Integer.toString(e.count()),
                    Integer.toString(e.elementSize()), RegistrySyntax.hex16(e.fingerprint())));
        }
        long checksum = RegistrySyntax.checksum(lines);
        lines.add(RegistrySyntax.END + " " + file.entries().size() + " " + RegistrySyntax.hex16(checksum));
        return lines;
    }

    /** The whole file text: every line terminated by {@code '\n'}. */
    public static String format(RegistryFile file) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines(file)) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }
}
