package org.remotestruct.registry;

import org.remotestruct.StructType;
import org.remotestruct.internal.SafeText;

/**
 * A registry entry was bound with a struct type whose name, size or layout fingerprint differs from
 * what the target published: the two sides were built from different struct definitions.
 */
public final class LayoutMismatchException extends RegistryException {

    private static final long serialVersionUID = 1L;

    private final String entryName;
    private final long publishedFingerprint;
    private final long expectedFingerprint;

    /** Entry {@code entry} of registry {@code source} does not match {@code type}. */
    public LayoutMismatchException(String source, RegistryEntry entry, StructType<?> type) {
        super(String.format("registry %s entry '%s': the target published type %s (%d bytes, fingerprint %s)"
                        + " but it is bound as %s (%d bytes, fingerprint %s); rebuild the target and this"
                        + " program from the same struct definition (generated header and record)",
                SafeText.escape(source), entry.name(), entry.typeName(), entry.elementSize(),
                RegistrySyntax.hex16(entry.fingerprint()), type.name(), type.size(),
                RegistrySyntax.hex16(type.fingerprint())));
        this.entryName = entry.name();
        this.publishedFingerprint = entry.fingerprint();
        this.expectedFingerprint = type.fingerprint();
    }

    /** The entry that did not match. */
    public String entryName() {
        return entryName;
    }

    /** The fingerprint in the registry. */
    public long publishedFingerprint() {
        return publishedFingerprint;
    }

    /** The fingerprint of the type it was bound with. */
    public long expectedFingerprint() {
        return expectedFingerprint;
    }
}
