package org.remotestruct.samples.arena;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteUnion;

/**
 * {@code union fighter_stat} of arena.h: every member decoded from the same four bytes.
 *
 * @param hp hit points
 * @param shield shield strength
 * @param charges charges per slot
 */
@RemoteUnion(name = "fighter_stat")
public record Stat(
        @Field(type = CType.INT32, writable = true) int hp,
        @Field(type = CType.FLOAT, writable = true) float shield,
        @Field(type = CType.UINT8, length = 4) int[] charges) {
}
