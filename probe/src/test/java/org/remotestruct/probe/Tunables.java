package org.remotestruct.probe;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * A struct type compiled by the real processor for the probe's own tests, so they use a generated
 * type without depending on the samples: a config block in the usual shape.
 *
 * @param tickRate ticks per second
 * @param maxHp hit points of a fresh player
 * @param motd message of the day, NUL-padded {@code char[64]}
 * @param generation incremented by a writer after it changed the other fields
 */
@RemoteStruct(size = 76)
public record Tunables(
        @Field(offset = 0, type = CType.INT32, writable = true) int tickRate,
        @Field(offset = 4, type = CType.INT32, writable = true) int maxHp,
        @Field(offset = 8, type = CType.CHAR, length = 64, writable = true) String motd,
        @Field(offset = 72, type = CType.UINT32, writable = true) long generation) {
}
