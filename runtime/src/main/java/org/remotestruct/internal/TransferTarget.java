package org.remotestruct.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructLayout;

/**
 * What one part of a transfer is about, so a failure can be reported in the user's terms: a
 * struct (some or all of its fields), an array of structs, or raw bytes. Built once by whoever
 * builds the iovecs; consulted only when something fails.
 */
public sealed interface TransferTarget {

    /** The remote address of byte 0 of the target. */
    long address();

    /** Human description, e.g. {@code struct player (648 bytes at 0x7f00)}. */
    String describe();

    /** The name of the field containing byte {@code offset} of the target, or {@code null}. */
    String fieldAt(long offset);

    /**
     * The label every failure uses for the struct of {@code layout} at {@code address}:
     * {@code player@0x7f00}. Field names in failures are this label, a dot and the field
     * ({@code player@0x7f00.hp}), in views and batches alike.
     */
    static String label(StructLayout layout, long address) {
        return layout.name() + "@" + Hex.of(address);
    }

    /** Every field of the struct at {@code address}, by ascending offset, named {@code <label>.<field>}. */
    static Struct struct(StructLayout layout, long address) {
        return fields(label(layout, address), layout, address, byOffset(layout));
    }

    /** Fields {@code order} (transfer order) of the struct at {@code address}, named {@code <label>.<field>}. */
    static Struct fields(String label, StructLayout layout, long address, int[] order) {
        return new Struct(label + ".", layout, address, order);
    }

    /** {@code count} structs at {@code address}, elements named {@code <label>[i].<field>}. */
    static Array array(StructLayout layout, long address, int count) {
        return new Array(label(layout, address), layout, address, count);
    }

    /** The one field {@code fieldIndex} of the struct at {@code address}. */
    static Struct field(StructLayout layout, long address, int fieldIndex) {
        return fields(label(layout, address), layout, address, new int[] {fieldIndex});
    }

    /**
     * Sorts the target's fields of interest by how far a transfer that stopped at target byte
     * {@code failOffset} got: ends at or before it = complete, contains it = failed, after = not
     * attempted. {@code Long.MAX_VALUE} means all complete, {@code -1} none attempted.
     */
    void report(long failOffset, Report out);

    /** Collects the outcome of a failed transfer, field by field, in transfer order. */
    final class Report {
        final List<String> complete = new ArrayList<>();
        final List<String> notAttempted = new ArrayList<>();
        String failedField;
        int failedFieldBytes;
        int failedFieldLength;

        void fields(String prefix, StructLayout layout, int[] order, long failOffset) {
            for (int index : order) {
                FieldLayout f = layout.fields().get(index);
                String name = prefix + f.name();
                if (f.end() <= failOffset) {
                    complete.add(name);
                } else if (f.offset() <= failOffset) {
                    failedField = name;
                    failedFieldBytes = (int) (failOffset - f.offset());
                    failedFieldLength = f.byteLength();
                    if (failedFieldBytes == 0) {
                        notAttempted.add(name); // stopped at its first byte: it kept its old value, whole
                    }
                } else {
                    notAttempted.add(name);
                }
            }
        }
    }

    /** Indices of all fields of {@code layout}, by ascending offset. */
    static int[] byOffset(StructLayout layout) {
        return IntStream.range(0, layout.fields().size()).boxed()
                .sorted(Comparator.comparingInt(i -> layout.fields().get(i).offset()))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * A struct of which the fields {@code order} (ascending offset) are transferred.
     *
     * @param prefix prepended to field names ({@code ""} alone, {@code "player@0x10."} in a batch)
     * @param layout the struct layout
     * @param address the struct's remote address
     * @param order indices of the transferred fields, by ascending offset
     */
    record Struct(String prefix, StructLayout layout, long address, int[] order) implements TransferTarget {
        @Override
        public String describe() {
            return "struct " + layout.name() + " (" + layout.size() + " bytes at " + Hex.of(address) + ")";
        }

        @Override
        public String fieldAt(long offset) {
            FieldLayout f = offset < layout.size() ? layout.fieldAt((int) offset) : null;
            return f == null ? null : prefix + f.name();
        }

        @Override
        public void report(long failOffset, Report out) {
            out.fields(prefix, layout, order, failOffset);
        }
    }

    /**
     * {@code count} consecutive structs of {@code layout}.
     *
     * @param prefix prepended to element names, which look like {@code [3].hp} or {@code [0..2]}
     * @param layout the element layout
     * @param address the remote address of element 0
     * @param count the number of elements
     */
    record Array(String prefix, StructLayout layout, long address, int count) implements TransferTarget {
        @Override
        public String describe() {
            return "array " + layout.name() + "[" + count + "] (" + (long) count * layout.size() + " bytes at "
                    + Hex.of(address) + ")";
        }

        @Override
        public String fieldAt(long offset) {
            long element = offset / layout.size();
            FieldLayout f = layout.fieldAt((int) (offset % layout.size()));
            return f == null || element >= count ? null : prefix + "[" + element + "]." + f.name();
        }

        @Override
        public void report(long failOffset, Report out) {
            long size = layout.size();
            if (failOffset >= size * count) {
                out.complete.add(range(0, count - 1));
                return;
            }
            if (failOffset < 0) {
                out.notAttempted.add(range(0, count - 1));
                return;
            }
            long element = failOffset / size;
            if (element > 0) {
                out.complete.add(range(0, element - 1));
            }
            out.fields(prefix + "[" + element + "].", layout, byOffset(layout), failOffset % size);
            if (element < count - 1) {
                out.notAttempted.add(range(element + 1, count - 1));
            }
        }

        private String range(long first, long last) {
            return prefix + (first == last ? "[" + first + "]" : "[" + first + ".." + last + "]");
        }
    }

    /**
     * Raw bytes without fields.
     *
     * @param address the remote address of byte 0
     * @param length the number of bytes
     */
    record Raw(long address, long length) implements TransferTarget {
        @Override
        public String describe() {
            return length + " bytes at " + Hex.of(address);
        }

        @Override
        public String fieldAt(long offset) {
            return null;
        }

        @Override
        public void report(long failOffset, Report out) {
            // raw bytes have no fields: the byte counts in the message say everything
        }
    }
}
