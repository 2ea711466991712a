package org.remotestruct.processor.model;

/**
 * The Java shape of a record component, as far as the generator cares: which primitive or
 * primitive array, {@code String}, a nested {@code @RemoteStruct} record or a {@code List} of them.
 */
public enum JavaType {
    /** {@code byte}. */
    BYTE("byte"),
    /** {@code short}. */
    SHORT("short"),
    /** {@code int}. */
    INT("int"),
    /** {@code long}. */
    LONG("long"),
    /** {@code float}. */
    FLOAT("float"),
    /** {@code double}. */
    DOUBLE("double"),
    /** {@code boolean}. */
    BOOLEAN("boolean"),
    /** {@code byte[]}. */
    BYTE_ARRAY("byte[]"),
    /** {@code short[]}. */
    SHORT_ARRAY("short[]"),
    /** {@code int[]}. */
    INT_ARRAY("int[]"),
    /** {@code long[]}. */
    LONG_ARRAY("long[]"),
    /** {@code float[]}. */
    FLOAT_ARRAY("float[]"),
    /** {@code double[]}. */
    DOUBLE_ARRAY("double[]"),
    /** {@code boolean[]}. */
    BOOLEAN_ARRAY("boolean[]"),
    /** {@code String}, for {@code char[N]} decoded up to the first NUL. */
    STRING("String"),
    /** A nested {@code @RemoteStruct} record, for one inline struct. */
    RECORD("a @RemoteStruct record"),
    /** A {@code List} of nested {@code @RemoteStruct} records, for an inline struct array. */
    RECORD_LIST("List<a @RemoteStruct record>"),
    /** A Java enum whose constants carry {@code @EnumValue}, for a C integer. */
    ENUM("an enum"),
    /** {@code RemotePointer<Record>}, for a typed pointer ({@code @Field(to = Record.class)}). */
    POINTER("RemotePointer<a @RemoteStruct record>"),
    /** A {@code List} of {@code RemotePointer<Record>}, for an array of typed pointers. */
    POINTER_LIST("List<RemotePointer<a @RemoteStruct record>>"),
    /** {@code RemoteString}, for a {@code char *} string ({@code @Field(to = String.class)}). */
    STRING_POINTER("RemoteString");

    private final String spelling;

    JavaType(String spelling) {
        this.spelling = spelling;
    }

    /** How users write the type in source, for diagnostics. */
    public String spelling() {
        return spelling;
    }

    /** The array type whose elements are this primitive type. */
    public JavaType arrayOf() {
        return switch (this) {
            case BYTE -> BYTE_ARRAY;
            case SHORT -> SHORT_ARRAY;
            case INT -> INT_ARRAY;
            case LONG -> LONG_ARRAY;
            case FLOAT -> FLOAT_ARRAY;
            case DOUBLE -> DOUBLE_ARRAY;
            case BOOLEAN -> BOOLEAN_ARRAY;
            default -> throw new IllegalArgumentException("no primitive array of " + this);
        };
    }
}
