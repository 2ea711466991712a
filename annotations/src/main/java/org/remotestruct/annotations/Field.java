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

    /** Byte offset of the field from the start of the struct ({@code offsetof}); 0 or more. */
    int offset();

    /** The C type of the field (of one element, for arrays). */
    CType type();

    /**
     * Number of elements: for {@link CType#CHAR} the {@code N} of {@code char[N]}; for a numeric
     * type, {@code > 1} makes a fixed C array mapped to a Java primitive array; for
     * {@link CType#STRUCT}, {@code > 1} makes an inline array of structs mapped to a
     * {@code List<Nested>}. Must be at least 1.
     */
    int length() default 1;

    /** Whether the generated view has {@code write…} methods for this field. */
    boolean writable() default false;

    /**
     * Charset for {@link CType#CHAR} fields mapped to {@link String}; ignored otherwise. Any name
     * {@link java.nio.charset.Charset#forName(String)} accepts.
     */
    String charset() default "UTF-8";
}
