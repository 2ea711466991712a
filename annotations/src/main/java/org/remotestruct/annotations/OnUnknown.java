package org.remotestruct.annotations;

/** What reading a C integer that no constant of the field's Java enum declares does. */
public enum OnUnknown {
    /**
     * Throws an {@code IllegalStateException} that names the field and the raw value; a whole
     * struct read fails with it.
     */
    THROW,
    /**
     * Decodes to the enum's constant marked {@link EnumValue.Unknown}; the raw number stays
     * readable through the view's {@code read<Field>Raw()}.
     */
    UNKNOWN_CONSTANT
}
