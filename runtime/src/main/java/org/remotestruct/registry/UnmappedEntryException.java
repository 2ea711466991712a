package org.remotestruct.registry;

import org.remotestruct.internal.SafeText;

/**
 * A registry entry's address range is not inside mappings of the target that allow the access asked
 * for (readable; for writable binds a private writable mapping), so it was refused before any read.
 */
public final class UnmappedEntryException extends RegistryException {

    private static final long serialVersionUID = 1L;

    private final String entryName;
    private final long address;
    private final long length;

    /** Entry {@code entry} of registry {@code source} in process {@code pid} failed: {@code problem}. */
    public UnmappedEntryException(String source, int pid, RegistryEntry entry, String problem) {
        super("registry " + SafeText.escape(source) + " entry '" + entry.name() + "' range " + entry.rangeText()
                + " in process " + pid + ": " + problem + "; publish only memory that lives as long as"
                + " the registry (globals, statics, heap blocks never freed)");
        this.entryName = entry.name();
        this.address = entry.address();
        this.length = entry.byteLength();
    }

    /** The refused entry. */
    public String entryName() {
        return entryName;
    }

    /** Start of the refused range. */
    public long address() {
        return address;
    }

    /** Length of the refused range in bytes. */
    public long length() {
        return length;
    }
}
