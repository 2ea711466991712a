package org.remotestruct.processor;

import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor reports, each with a stable ID users can search for in
 * {@code docs/errors.md}, a message format and the suggested fix printed after it.
 *
 * <p>IDs are never reused or renumbered; a retired diagnostic keeps its number.
 */
public enum Message {
    /** The processor itself failed on a record; reported on that record, then rethrown. */
    INTERNAL_ERROR("RS000", Diagnostic.Kind.ERROR,
            "internal error while processing %s: %s",
            "this is a bug in remotestruct; please report it with the record and the stack trace"),
    /** {@code @RemoteStruct} is on a class, interface or enum instead of a record. */
    NOT_A_RECORD("RS100", Diagnostic.Kind.ERROR,
            "@%s is on %s '%s', but only records can mirror a C struct",
            "declare it as a record: record %3$s(@Field(type = CType.INT32) int a) {}"),
    /** The record is private (or inside a private type), generic or local, so its view cannot use it. */
    RECORD_NOT_USABLE("RS101", Diagnostic.Kind.ERROR,
            "record '%s' %s, so the generated view in the same package cannot use it",
            "make the record top-level or a static nested record that is not private and not generic"),
    /** {@code @RemoteStruct(size)} is zero or negative. */
    SIZE_NOT_POSITIVE("RS102", Diagnostic.Kind.ERROR,
            "struct size must be positive, was %d",
            "set size to sizeof the C struct, including trailing padding, or omit it to have it computed"),
    /** A record component has no {@code @Field}. */
    MISSING_FIELD("RS103", Diagnostic.Kind.ERROR,
            "record component '%s' has no @Field",
            "annotate it: @Field(type = CType.<type>), with offset = <offsetof> if the record gives offsets,"
                    + " or remove the component"),
    /** Two fields share at least one byte. */
    OVERLAP("RS104", Diagnostic.Kind.ERROR,
            "field '%s' (offset %d, %d bytes) overlaps '%s' (offset %d, %d bytes)",
            "check both offsets against offsetof() in the C struct; fields may not share bytes"),
    /** A field's offset is below zero. */
    NEGATIVE_OFFSET("RS105", Diagnostic.Kind.ERROR,
            "field '%s' has negative offset %d",
            "use offsetof(struct, field) from the C source, which is 0 or more"),
    /** A field ends past {@code @RemoteStruct(size)}. */
    PAST_END("RS106", Diagnostic.Kind.ERROR,
            "field '%s' (offset %d, %d bytes) ends at %d, past the end of struct %s (%d bytes)",
            "check the offset and length, or raise @RemoteStruct(size) to sizeof the C struct"),
    /** A field's {@code length} is below one. */
    LENGTH_TOO_SMALL("RS107", Diagnostic.Kind.ERROR,
            "field '%s' has length %d; a field has at least one element",
            "use length = 1 for a single value, or N for a C array of N elements"),
    /** The component's Java type cannot hold the field's C type. */
    TYPE_MISMATCH("RS108", Diagnostic.Kind.ERROR,
            "field '%s' is %s in Java but %s in C; use %s",
            "change the component's Java type, or the @Field type if the C declaration differs"),
    /** A {@code CHAR} field is neither {@code String} nor {@code byte[]}. */
    CHAR_NOT_TEXT("RS109", Diagnostic.Kind.ERROR,
            "CHAR field '%s' is %s in Java; char[%d] maps to String or byte[]",
            "declare it as String (decoded up to the first NUL) or byte[] (all bytes)"),
    /** A {@code STRUCT} field is not a {@code @RemoteStruct} record (or a {@code List} of them). */
    STRUCT_NOT_REMOTE("RS110", Diagnostic.Kind.ERROR,
            "STRUCT field '%s' is %s; it must be %s",
            "use a record annotated @RemoteStruct (a List of them when length > 1)"),
    /** A nested struct (or array of them) does not fit between its offset and the end of the struct. */
    NESTED_PAST_END("RS111", Diagnostic.Kind.ERROR,
            "nested struct %s (%d bytes x %d) in field '%s' at offset %d needs %d bytes, but struct %s has only %d from there",
            "check the offset, the length and the nested @RemoteStruct(size), or raise this struct's size"),
    /** A field names a charset this JDK does not support. */
    UNKNOWN_CHARSET("RS112", Diagnostic.Kind.ERROR,
            "field '%s' names charset \"%s\", which this JDK does not support",
            "use a charset name Charset.forName accepts, e.g. \"UTF-8\" or \"ISO-8859-1\""),
    /** A field's charset does not encode NUL as one zero byte, so {@code char[]} cannot end at a NUL. */
    CHARSET_NOT_BYTE_ORIENTED("RS113", Diagnostic.Kind.ERROR,
            "field '%s' uses charset %s, which does not encode NUL as one zero byte, so char[] cannot end at a NUL",
            "use an ASCII-compatible charset such as UTF-8, or map the field to byte[] and decode it yourself"),
    /** A component name clashes with a member of the generated view. */
    NAME_CLASH("RS114", Diagnostic.Kind.ERROR,
            "component '%s' clashes with %s in the generated code",
            "rename the record component (the C header uses the component name too)"),
    /** Warning: a field is not aligned to its C type's size, so the C header declares the struct packed. */
    MISALIGNED("RS115", Diagnostic.Kind.WARNING,
            "field '%s' at offset %d is not aligned to %d bytes; the C header declares the struct packed",
            "nothing, if the C struct really is packed; otherwise check the offset"),
    /** A nested struct's record has no generated view (it was not compiled with the processor). */
    NESTED_VIEW_MISSING("RS116", Diagnostic.Kind.ERROR,
            "nested struct %s has no generated %s",
            "compile %s with the remotestruct processor on the annotation processor path"),
    /** A struct contains itself, directly or through other nested structs. */
    NESTED_CYCLE("RS117", Diagnostic.Kind.ERROR,
            "field '%s' nests struct %s inside itself",
            "a C struct cannot contain itself; use a POINTER field (long) instead"),
    /** A struct or component name cannot be declared in the generated C header. */
    NOT_C_IDENTIFIER("RS118", Diagnostic.Kind.ERROR,
            "%s '%s' is not a valid C identifier, so the generated C header cannot declare it",
            "use letters, digits and '_' only, not starting with a digit, and no C keyword"),
    /** Two records processed together use the same struct name. */
    DUPLICATE_STRUCT_NAME("RS119", Diagnostic.Kind.ERROR,
            "struct name '%s' is already used by %s",
            "give one of them another @RemoteStruct(name = ...); registries and headers look structs up by name"),
    /** A nested struct has errors of its own, so no view of this struct is generated. */
    NESTED_INVALID("RS120", Diagnostic.Kind.ERROR,
            "field '%s' nests struct %s, which has errors",
            "fix the errors reported on %2$s first"),
    /** A generated source, header or service file could not be written. */
    CANNOT_WRITE("RS121", Diagnostic.Kind.ERROR,
            "cannot write %s: %s",
            "check that the path is writable and no hand-written class has the generated name"),
    /** Some fields give an offset and others do not. */
    MIXED_OFFSETS("RS122", Diagnostic.Kind.ERROR,
            "field '%s' %s, but field '%s' %s; a record gives every offset or none",
            "remove every offset (and bit) for automatic C layout, or give them all"),
    /** A given size differs from the size C computes for the fields. */
    SIZE_MISMATCH("RS123", Diagnostic.Kind.ERROR,
            "size = %d, but C lays out %s %s in %d bytes (alignment %d)",
            "remove size to use the computed one, or check the fields, pack and align against the C declaration"),
    /** {@code pack} is not 0, 1, 2, 4, 8 or 16. */
    PACK_INVALID("RS124", Diagnostic.Kind.ERROR,
            "pack = %d is not 1, 2, 4, 8 or 16",
            "use the N of #pragma pack(N), or 1 for a packed struct; omit it for no packing"),
    /** An {@code align} is not a power of two. */
    ALIGN_INVALID("RS125", Diagnostic.Kind.ERROR,
            "%s align = %d is not a power of two",
            "use the N of _Alignas(N) / aligned(N): 1, 2, 4, 8, 16, ...; omit it for the natural alignment"),
    /** An attribute that does not apply to this kind of field or layout. */
    NOT_APPLICABLE("RS126", Diagnostic.Kind.ERROR,
            "field '%s' sets %s, but %s",
            "remove the attribute, or change the field so that it applies"),
    /** A bitfield on a C type that cannot have one. */
    BITFIELD_TYPE("RS127", Diagnostic.Kind.ERROR,
            "bitfield '%s' is %s; a bitfield is one integer or BOOL, not %s",
            "use an integer CType (INT8 .. UINT64) or BOOL with length 1, or remove bits"),
    /** A bitfield wider than its declared type (or not positive). */
    BITFIELD_WIDTH("RS128", Diagnostic.Kind.ERROR,
            "bitfield '%s' is %d bits wide, but %s holds 1 to %d bits",
            "use a width that fits the declared type (as C requires), or a wider type"),
    /** An explicit bitfield outside its storage unit. */
    BIT_POSITION("RS129", Diagnostic.Kind.ERROR,
            "bitfield '%s' at bit %d (%d bits) does not fit the %d-bit storage unit of %s at offset %d",
            "give bit (0 = the unit's lowest bit) so that bit + bits <= the unit's width"),
    /** A field maps a Java enum to a C type that is not an integer. */
    ENUM_NOT_INTEGER("RS130", Diagnostic.Kind.ERROR,
            "field '%s' maps enum %s to %s, which is not an integer",
            "declare the field with the enum's C integer type (usually CType.INT32 for a C enum)"),
    /** A constant of a mapped enum has no usable C value. */
    ENUM_CONSTANT("RS131", Diagnostic.Kind.ERROR,
            "field '%s' maps enum %s, whose constant %s",
            "give every constant @EnumValue(<C value>) with distinct values; mark at most one @EnumValue.Unknown"),
    /** An enum constant's value does not fit the field's C type. */
    ENUM_VALUE_RANGE("RS132", Diagnostic.Kind.ERROR,
            "enum %s constant %s = %d does not fit field '%s' (%s)",
            "use a wider C type for the field, or check the constant's @EnumValue"),
    /** {@code onUnknown = UNKNOWN_CONSTANT} but the enum declares no unknown constant. */
    ENUM_NO_UNKNOWN("RS133", Diagnostic.Kind.ERROR,
            "field '%s' decodes unknown values to a constant, but enum %s has no @EnumValue.Unknown constant",
            "add a constant marked @EnumValue.Unknown (e.g. UNKNOWN), or use onUnknown = OnUnknown.THROW"),
    /** A union member with an offset other than 0. */
    UNION_MEMBER_OFFSET("RS134", Diagnostic.Kind.ERROR,
            "union member '%s' has offset %d; every member of a union starts at 0",
            "remove the offset; to place fields side by side use a @RemoteStruct"),
    /** A struct field holding a union is writable. */
    UNION_NOT_WRITABLE("RS135", Diagnostic.Kind.ERROR,
            "field '%s' holds union %s and is writable, but a union is written one member at a time",
            "remove writable and write the member through %sView(), the view of the union"),
    /** A record is both a struct and a union. */
    STRUCT_AND_UNION("RS136", Diagnostic.Kind.ERROR,
            "record '%s' is annotated both @RemoteStruct and @RemoteUnion",
            "keep the one the C declaration uses"),
    /** The header to check against cannot be written in an #include. */
    HEADER_NOT_INCLUDABLE("RS137", Diagnostic.Kind.ERROR,
            "header \"%s\" cannot be written in #include \"...\"",
            "give the path as the C code includes it, e.g. \"game/player.h\", without quotes or newlines"),
    /** {@code sequence} names no field of the record. */
    SEQUENCE_UNKNOWN("RS150", Diagnostic.Kind.ERROR,
            "sequence = \"%s\" names no field of %s; fields: %s",
            "name the record component that holds the struct's sequence counter"),
    /** The sequence field is not one naturally aligned UINT32 or UINT64. */
    SEQUENCE_TYPE("RS151", Diagnostic.Kind.ERROR,
            "sequence field '%s' is %s at offset %d; a sequence field is one naturally aligned UINT32 or UINT64",
            "declare the counter as uint32_t or uint64_t (CType.UINT32 / UINT64, no length, no bits) at an offset "
                    + "that is a multiple of its size"),
    /** The sequence field is writable. */
    SEQUENCE_WRITABLE("RS152", Diagnostic.Kind.ERROR,
            "sequence field '%s' is writable, but only the protocol may change it",
            "remove writable from '%1$s'; a Writer of a sequenced struct brackets its writes with the protocol itself"),
    /** {@code @Field(to = …)} names a type that is not a {@code @RemoteStruct}/{@code @RemoteUnion} record. */
    POINTER_TARGET("RS170", Diagnostic.Kind.ERROR,
            "field '%s' points to %s, which is not a @RemoteStruct or @RemoteUnion record",
            "set to = the record mirroring the C struct pointed to (to = Node.class for struct node *), or omit"
                    + " to for an untyped pointer mapped to long"),
    /** A typed pointer's component is not {@code RemotePointer<Pointee>} (or a {@code List} of them). */
    POINTER_JAVA_TYPE("RS171", Diagnostic.Kind.ERROR,
            "field '%s' is %s in Java, but a POINTER to %s%s maps to %s",
            "declare the component as %5$s, or change to if it points to another struct"),
    /** The pointee record has no generated view (compiled without the processor). */
    POINTEE_VIEW_MISSING("RS172", Diagnostic.Kind.ERROR,
            "field '%s' points to %s, which has no generated %s",
            "compile %2$s with the remotestruct processor on the annotation processor path"),
    /** A {@code RemotePointer} component whose {@code @Field} says no pointee type. */
    POINTER_WITHOUT_TO("RS173", Diagnostic.Kind.ERROR,
            "field '%s' is %s in Java, but its @Field is %s without to",
            "declare it @Field(type = CType.POINTER, to = %s.class), or make the component a long address"),
    /** A {@code char *} string without a usable {@code maxLength}. */
    STRING_MAX_LENGTH("RS174", Diagnostic.Kind.ERROR,
            "char * string '%s' has maxLength = %d; it must be 1 to %d",
            "set maxLength to the most bytes the string can hold, its NUL included (the size of the buffer it"
                    + " points to)");

    private final String id;
    private final Diagnostic.Kind kind;
    private final String format;
    private final String fix;

    Message(String id, Diagnostic.Kind kind, String format, String fix) {
        this.id = id;
        this.kind = kind;
        this.format = format;
        this.fix = fix;
    }

    /** The stable ID, e.g. {@code RS104}. */
    public String id() {
        return id;
    }

    /** Error or warning. */
    public Diagnostic.Kind kind() {
        return kind;
    }

    /**
     * The full text: {@code [ID] message. Fix: suggestion}. The arguments fill the message and then
     * the fix (which uses positional {@code %n$s} references into the same arguments).
     */
    public String format(Object... args) {
        return "[" + id + "] " + String.format(format, args) + ". Fix: " + String.format(fix, args);
    }
}
