package org.remotestruct.processor.model;

/**
 * The Java shape of a record component, as far as the generator cares: which primitive or
 * primitive array, {@code String}, a nested {@code @RemoteStruct} record or a {@code List} of them.
 */
public enum JavaType {
    BYTE("byte"),
    SHORT("short"),
    INT("int"),
    LONG("long"),
    FLOAT("float"),
    DOUBLE("double"),
    BOOLEAN("boolean"),
    BYTE_ARRAY("byte[]"),
    SHORT_ARRAY("short[]"),
    INT_ARRAY("int[]"),
    LONG_ARRAY("long[]"),
    FLOAT_ARRAY("float[]"),
    DOUBLE_ARRAY("double[]"),
    BOOLEAN_ARRAY("boolean[]"),
    STRING("String"),
    RECORD("a @RemoteStruct record"),
    RECORD_LIST("List<a @RemoteStruct record>");

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
