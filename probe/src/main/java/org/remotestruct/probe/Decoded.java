package org.remotestruct.probe;

import java.util.Map;

/**
 * One struct decoded without knowing its record: field name to value, as
 * {@link org.remotestruct.StructType#decodeToMap} returns it.
 *
 * @param fields the values in declaration order
 */
record Decoded(Map<String, Object> fields) {
}
