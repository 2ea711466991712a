package org.remotestruct.processor.model;

import java.util.List;
import java.util.Objects;

/**
 * A Java enum mapped to a C integer field: its constants' C values and what unknown values become.
 *
 * @param packageName the enum's package
 * @param simpleNames simple names from the outermost enclosing type down to the enum
 * @param constants the constants with a C value, in declaration order
 * @param unknown the constant marked {@code @EnumValue.Unknown}, or {@code null}
 * @param decodeUnknown whether unknown values decode to {@code unknown} (else they throw)
 */
public record EnumModel(String packageName, List<String> simpleNames, List<Constant> constants, String unknown,
        boolean decodeUnknown) {

    /**
     * One constant with a C value.
     *
     * @param name the Java constant
     * @param value its C value
     * @param cName the C enumerator it mirrors
     * @param explicitCName whether {@code @EnumValue(cName)} names it (so an existing header must have it)
     */
    public record Constant(String name, long value, String cName, boolean explicitCName) {
    }

    /** Copies the lists. */
    public EnumModel {
        Objects.requireNonNull(packageName, "packageName");
        simpleNames = List.copyOf(simpleNames);
        constants = List.copyOf(constants);
    }

    /** The C name of the enum: {@code PlayerState} → {@code player_state}. */
    public String cName() {
        return Names.upperSnake(simpleNames.get(simpleNames.size() - 1)).toLowerCase(java.util.Locale.ROOT);
    }

    /** Canonical Java name, for messages. */
    public String qualifiedName() {
        String simple = String.join(".", simpleNames);
        return packageName.isEmpty() ? simple : packageName + "." + simple;
    }
}
