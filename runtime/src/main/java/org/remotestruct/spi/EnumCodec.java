package org.remotestruct.spi;

import java.util.Arrays;

/**
 * The table between a Java enum and the C integer values of its constants, for generated views:
 * decoding is a binary search over the sorted values, encoding an array index by ordinal; neither
 * allocates. Immutable and thread-safe.
 *
 * @param <E> the enum
 */
public final class EnumCodec<E extends Enum<E>> {

    private final long[] valueByOrdinal;
    private final boolean[] hasValue;
    private final long[] sortedValues;
    private final E[] bySortedValue;
    private final E unknown;
    private final String enumName;

    private EnumCodec(E[] constants, long[] values, E unknown) {
        if (constants.length != values.length) {
            throw new IllegalArgumentException(constants.length + " constants but " + values.length + " values");
        }
        int ordinals = unknown == null ? 0 : unknown.ordinal() + 1;
        for (E e : constants) {
            ordinals = Math.max(ordinals, e.ordinal() + 1);
        }
        this.valueByOrdinal = new long[ordinals];
        this.hasValue = new boolean[ordinals];
        this.unknown = unknown;
        this.enumName = constants.length > 0 ? constants[0].getDeclaringClass().getSimpleName()
                : unknown != null ? unknown.getDeclaringClass().getSimpleName() : "enum";
        Integer[] order = new Integer[constants.length];
        for (int i = 0; i < constants.length; i++) {
            order[i] = i;
            valueByOrdinal[constants[i].ordinal()] = values[i];
            hasValue[constants[i].ordinal()] = true;
        }
        Arrays.sort(order, (a, b) -> Long.compare(values[a], values[b]));
        this.sortedValues = new long[constants.length];
        this.bySortedValue = Arrays.copyOf(constants, constants.length);
        for (int i = 0; i < constants.length; i++) {
            sortedValues[i] = values[order[i]];
            bySortedValue[i] = constants[order[i]];
            if (i > 0 && sortedValues[i] == sortedValues[i - 1]) {
                throw new IllegalArgumentException(bySortedValue[i - 1] + " and " + bySortedValue[i]
                        + " have the same C value " + sortedValues[i]);
            }
        }
    }

    /**
     * A codec where {@code constants[i]} has the C value {@code values[i]}; constants not listed
     * have no C value.
     *
     * @param unknown the constant values no listed constant has decode to, or {@code null} to throw
     *     on them
     */
    public static <E extends Enum<E>> EnumCodec<E> of(E[] constants, long[] values, E unknown) {
        return new EnumCodec<>(constants, values, unknown);
    }

    /**
     * The constant whose C value is {@code raw}; the unknown constant if none is and there is one.
     *
     * @throws IllegalStateException naming {@code field} and {@code raw} if no constant has it and
     *     there is no unknown constant
     */
    public E decode(long raw, String field) {
        int i = Arrays.binarySearch(sortedValues, raw);
        if (i >= 0) {
            return bySortedValue[i];
        }
        if (unknown != null) {
            return unknown;
        }
        throw new IllegalStateException("field " + field + " holds " + raw + ", which no constant of "
                + enumName + " declares; declare it with"
                + " @EnumValue, or map unknown values to a constant with onUnknown = UNKNOWN_CONSTANT");
    }

    /**
     * The C value of {@code value}.
     *
     * @throws NullPointerException naming {@code field} if {@code value} is null
     * @throws IllegalArgumentException naming {@code field} for the unknown constant, which has no C value
     */
    public long encode(E value, String field) {
        Codecs.nonNull(value, field);
        int ordinal = value.ordinal();
        if (ordinal >= hasValue.length || !hasValue[ordinal]) {
            throw new IllegalArgumentException("field " + field + ": " + value + " has no C value (it stands for"
                    + " values no constant declares); write the raw number instead; nothing was written");
        }
        return valueByOrdinal[ordinal];
    }

    /**
     * For tools that show any value ({@code decodeToMap}): the constant whose C value is
     * {@code raw}, else {@code raw} itself as a {@link Long}; never the unknown constant.
     */
    public Object constantOrRaw(long raw) {
        int i = Arrays.binarySearch(sortedValues, raw);
        return i >= 0 ? bySortedValue[i] : (Object) raw;
    }

    /** Whether {@code raw} is the C value of some constant. */
    public boolean isKnown(long raw) {
        return Arrays.binarySearch(sortedValues, raw) >= 0;
    }

    @Override
    public String toString() {
        return "EnumCodec" + Arrays.toString(bySortedValue) + "=" + Arrays.toString(sortedValues)
                + (unknown == null ? "" : " else " + unknown);
    }
}
