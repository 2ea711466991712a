package org.remotestruct.registry;

import org.remotestruct.internal.SafeText;

/**
 * One published struct (or array of structs) in a registry: where it lives and what layout it has.
 *
 * @param name the entry name, unique in its registry (e.g. {@code world})
 * @param typeName the C struct name (the {@code StructType} name, e.g. {@code World})
 * @param address address of element 0 in the target process (unsigned 64-bit, never 0)
 * @param count number of consecutive elements, at least 1
 * @param elementSize {@code sizeof} one element, at least 1
 * @param fingerprint layout fingerprint of the struct the target was compiled with
 */
public record RegistryEntry(
        String name, String typeName, long address, int count, int elementSize, long fingerprint) {

    /**
     * Rejects entries the registry format cannot express, so a publisher fails when it adds the entry
     * rather than a reader when it parses the file.
     *
     * @throws IllegalArgumentException naming the rule the entry breaks
     */
    public RegistryEntry {
        String problem = RegistrySyntax.entryProblem(name, typeName, address, count, elementSize);
        if (problem != null) {
            throw new IllegalArgumentException("registry entry " + SafeText.quote(name) + ": " + problem);
        }
    }

    /** Bytes covered by all elements: {@code count * elementSize}. */
    public long byteLength() {
        return (long) count * elementSize;
    }

    /** Address of the first byte after the last element; the format guarantees no wrap past 2^64. */
    public long endAddress() {
        return address + byteLength();
    }

    /** The range as {@code [0x..., 0x...)}, the way error messages print it. */
    public String rangeText() {
        return String.format("[0x%x, 0x%x)", address, endAddress());
    }
}
