package org.remotestruct.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as the Java mirror of a C union: every component is a member starting at offset
 * 0 and carries a {@link Field} without an offset (or with offset 0).
 *
 * <p>A union is used like a nested struct: a {@link CType#STRUCT} field of the union's record type
 * ({@link Field#anonymous()} for an anonymous union). Reading decodes every member from the same
 * bytes; the generated view writes one member at a time. Encoding a whole union value (as part of
 * an enclosing struct) writes its first member only, as a C initializer does.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RemoteUnion {

    /** {@code sizeof} the union, or 0 (the default) to compute it; a given size is checked. */
    int size() default 0;

    /** The C union's name ({@code union <name>}); empty means the record's simple name. */
    String name() default "";

    /** As {@link RemoteStruct#pack()}. */
    int pack() default 0;

    /** As {@link RemoteStruct#align()}. */
    int align() default 0;
}
