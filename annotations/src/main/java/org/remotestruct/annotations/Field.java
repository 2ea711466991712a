package org.remotestruct.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Places one record component in the C struct: where it lives, what C type it has and whether
 * the generated view may write it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Field {

    /** Value of {@link #offset()} and {@link #bit()} when omitted: computed by the processor. */
    int AUTO = -1;

    /**
     * Byte offset of the field from the start of the struct ({@code offsetof}); 0 or more. Omit it
     * on every field of a record for automatic C layout. For a bitfield, the offset of its storage
     * unit: {@code sizeof} the declared type bytes, which the bitfields sharing it all name.
     */
    int offset() default AUTO;

    /** The C type of the field (of one element, for arrays). */
    CType type();

    /**
     * Number of elements: for {@link CType#CHAR} the {@code N} of {@code char[N]}; for a numeric
     * type, {@code > 1} makes a fixed C array mapped to a Java primitive array; for
     * {@link CType#STRUCT}, {@code > 1} makes an inline array of structs mapped to a
     * {@code List<Nested>}. Must be at least 1.
     */
    int length() default 1;

    /**
     * For a {@link CType#POINTER}: the record mirroring the struct it points to, so
     * {@code struct node *next} is {@code @Field(type = CType.POINTER, to = Node.class)}. The
     * component is then a {@code RemotePointer<Node>} (a {@code List<RemotePointer<Node>>} for
     * {@code length > 1}), which {@code NodeRemoteView.at(process, pointer)} and
     * {@code RemoteGraph} dereference. {@code to} must be a {@link RemoteStruct} or
     * {@link RemoteUnion} record compiled with the processor (the record itself, for a list or a
     * tree). {@code to = String.class} is a {@code char *} string: a {@code RemoteString} read up
     * to its NUL, at most {@link #maxLength()} bytes, decoded with {@link #charset()}. The default,
     * {@code void.class}, is an untyped pointer ({@code void *}) mapped to a {@code long} address.
     * See {@code docs/pointers.md}.
     */
    Class<?> to() default void.class;

    /**
     * For a {@code char *} string ({@code to = String.class}): the most bytes a read fetches, the
     * NUL included, usually the size of the buffer it points to; 1 to 1048576. Not allowed on other
     * fields.
     */
    int maxLength() default 0;

    /** Whether the generated view has {@code write…} methods for this field. */
    boolean writable() default false;

    /**
     * Charset for {@link CType#CHAR} fields mapped to {@link String} and {@code char *} strings
     * ({@code to = String.class}); ignored otherwise. Any name
     * {@link java.nio.charset.Charset#forName(String)} accepts.
     */
    String charset() default "UTF-8";

    /**
     * Minimum alignment of the field, as {@code _Alignas(N)} / {@code __attribute__((aligned(N)))}:
     * a power of two, or 0 (the default) for the natural alignment. Only for automatic layout.
     */
    int align() default 0;

    /**
     * Width of a bitfield ({@code int32_t flags : 3}) in bits, 1 up to the declared type's width;
     * 0 (the default) means not a bitfield. The type must be an integer type or {@link CType#BOOL};
     * the Java type {@code boolean} (width 1), {@code int} or {@code long}, or an enum. Bitfields
     * are allocated from the low bit as gcc and clang do on x86-64; see {@code docs/layout.md}.
     */
    int bits() default 0;

    /**
     * With explicit offsets, the bitfield's lowest bit inside its storage unit at {@link #offset()}
     * (0 = the unit's least significant bit). Omitted with automatic layout.
     */
    int bit() default AUTO;

    /**
     * Whether a zero-width bitfield of the declared type ({@code int32_t : 0;}) precedes this
     * bitfield, so it starts a new storage unit. Only for bitfields with automatic layout.
     */
    boolean newUnit() default false;

    /**
     * For a {@link CType#STRUCT} field whose record is a {@link RemoteUnion}: whether the C struct
     * declares the union anonymously ({@code union { int32_t i; float f; };}), so its members are
     * members of the enclosing struct in C.
     */
    boolean anonymous() default false;

    /**
     * For a field mapped to a Java enum: what a C value that no constant declares becomes.
     * {@link OnUnknown#THROW} (the default) fails the read naming the field and the raw value.
     */
    OnUnknown onUnknown() default OnUnknown.THROW;
}
