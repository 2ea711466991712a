package org.remotestruct.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as the Java mirror of a C struct of {@link #size()} bytes.
 *
 * <p>Every record component must carry a {@link Field}. The annotation processor generates
 * {@code <Record>RemoteView} in the same package.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RemoteStruct {

    /** {@code sizeof} the C struct in bytes, including trailing padding; must be positive. */
    int size();

    /**
     * The C struct's name, used in the generated C header, the layout fingerprint and registry
     * type names; empty means the record's simple name.
     */
    String name() default "";
}
