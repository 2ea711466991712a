package org.remotestruct;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The layout fingerprint: 64-bit FNV-1a over a canonical text of a struct's name, size and every
 * field's name, offset, C type, length and element size (nested structs contribute their own
 * fingerprint). Writability and charsets are not part of the layout and do not change it.
 *
 * <p>The processor calls this same code, so generated views, generated C headers and registries
 * agree by construction. The canonical text is specified in {@code docs/registry-format.md}.
 */
public final class LayoutFingerprint {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private LayoutFingerprint() {
    }

    /** The fingerprint of a struct with these fields (in any order). */
    public static long of(String structName, int size, List<FieldLayout> fields) {
        return fnv1a(canonical(structName, size, fields));
    }

    /**
     * The canonical text hashed: {@code remotestruct-layout-v1\n<name>\n<size>\n} then one line per
     * field, sorted by offset then name: {@code <name>:<offset>:<CTYPE>:<length>:<elementSize>} and,
     * for STRUCT fields, {@code :<nested fingerprint hex>}; for bitfields,
     * {@code :bits<bitOffset>+<bitWidth>} (fields that are not bitfields hash as before bitfields
     * existed, so their fingerprints did not change).
     */
    public static String canonical(String structName, int size, List<FieldLayout> fields) {
        List<FieldLayout> sorted = new ArrayList<>(fields);
        sorted.sort(Comparator.comparingInt(FieldLayout::offset).thenComparing(FieldLayout::name));
        StringBuilder sb = new StringBuilder("remotestruct-layout-v1\n")
                .append(structName).append('\n').append(size).append('\n');
        for (FieldLayout f : sorted) {
            sb.append(f.name()).append(':').append(f.offset()).append(':').append(f.type().name())
                    .append(':').append(f.length()).append(':').append(f.elementSize());
            if (f.nested() != null) {
                sb.append(':').append(StructLayout.hex(f.nested().fingerprint()));
            }
            if (f.isBitfield()) {
                sb.append(":bits").append(f.bitOffset()).append('+').append(f.bitWidth());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** 64-bit FNV-1a of the UTF-8 bytes of {@code text}. */
    public static long fnv1a(String text) {
        long h = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= FNV_PRIME;
        }
        return h;
    }
}
