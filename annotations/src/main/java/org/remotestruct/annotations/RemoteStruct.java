package org.remotestruct.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as the Java mirror of a C struct.
 *
 * <p>Every record component must carry a {@link Field}. Either every field gives its
 * {@link Field#offset()} or none does: then the processor lays the fields out in declaration order
 * by the x86-64 System V C rules, as gcc and clang lay out the same struct (see
 * {@code docs/layout.md}), honouring {@link #pack()}, {@link #align()} and {@link Field#align()}.
 * The annotation processor generates {@code <Record>RemoteView} in the same package.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RemoteStruct {

    /**
     * {@code sizeof} the C struct in bytes, including trailing padding; must be positive. Omitted,
     * the processor computes it from the layout; given, it is checked against the computed size
     * (automatic layout) or bounds the explicit offsets.
     */
    int size() default 0;

    /**
     * The C struct's name, used in the generated C header, the layout fingerprint and registry
     * type names; empty means the record's simple name.
     */
    String name() default "";

    /**
     * Maximum member alignment, as {@code #pragma pack(N)} before the struct: 1, 2, 4, 8 or 16;
     * 0 (the default) means no packing. {@code pack = 1} also packs bitfields bit by bit. Unlike
     * {@code __attribute__((packed))}, it caps {@link Field#align()} too, as the pragma does.
     */
    int pack() default 0;

    /**
     * Minimum alignment of the whole struct, as {@code __attribute__((aligned(N)))} on the struct
     * type: a power of two, or 0 (the default) for the natural alignment. Raises the size to a
     * multiple of it.
     */
    int align() default 0;

    /**
     * An existing C header declaring this struct ({@code struct <name>}), as an {@code #include}
     * path ({@code "game/player.h"}); empty means none. With it, the processor also writes
     * {@code <name>_check.c} to the header directory: compiled against the header with the
     * project's C compiler, it fails when the header disagrees with the record (see
     * {@code docs/c-headers.md}).
     */
    String header() default "";

    /**
     * The struct's sequence field, for consistent snapshots without pausing the target: a declared
     * {@code UINT32} or {@code UINT64} field, naturally aligned and read-only, that the target's
     * writer makes odd before it changes the struct and even after (the seqlock protocol; the C
     * header generated for the struct has {@code <name>_seq_begin} and {@code <name>_seq_end} for
     * it). Every read of the view then copies the field before and after the body in one
     * {@code process_vm_readv} and accepts only equal, even copies, retrying a bounded number of
     * times. Empty (the default) means none: reads copy the struct as it is, possibly mid-update.
     * See {@code docs/snapshots.md}.
     */
    String sequence() default "";
}
