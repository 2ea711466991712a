package org.remotestruct.samples.arena;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteUnion;

/**
 * The anonymous union of {@code struct fighter}: in C its members are the struct's own.
 *
 * @param ammo rounds left
 * @param ammoBytes the same two bytes
 */
@RemoteUnion(name = "fighter_magazine")
public record Magazine(
        @Field(type = CType.UINT16, writable = true) int ammo,
        @Field(type = CType.UINT8, length = 2) int[] ammoBytes) {
}
