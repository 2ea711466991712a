package org.remotestruct.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The C value of one constant of a Java enum that a {@link Field} maps to a C integer type:
 * {@code enum state { IDLE = 0, ALIVE = 1 }} is {@code @EnumValue(0) IDLE, @EnumValue(1) ALIVE}.
 * Every constant carries one, except at most one marked {@link Unknown}; values are unique.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface EnumValue {

    /** The C value; it must fit the field's C type (and bitfield width). */
    long value();

    /**
     * The C enumerator's name ({@code "STATE_IDLE"}), or empty for {@code <ENUM>_<CONSTANT>}: the
     * generated header declares it, and a header check asserts that the existing header's
     * enumerator of this name has {@link #value()}.
     */
    String cName() default "";

    /**
     * Marks the constant a field with {@link OnUnknown#UNKNOWN_CONSTANT} decodes values no other
     * constant declares to; it has no C value of its own and cannot be written.
     */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.FIELD)
    @interface Unknown {
    }
}
