package org.remotestruct.samples.game;

import org.remotestruct.RemotePointer;
import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * A monster of the game server's zone ({@code struct Entity} in {@code Entity.h}): allocated with
 * {@code malloc} when it spawns, freed when it dies, linked into the zone's list.
 *
 * @param id spawn number, from 1
 * @param hp hit points; the weakest entity dies every few ticks
 * @param x position in the arena
 * @param y position in the arena
 * @param next the next entity of the zone's list, NULL at the end
 * @param target the entity this one chases (shared: several may chase one), or NULL
 */
@RemoteStruct
public record Entity(
        @Field(type = CType.UINT32) long id,
        @Field(type = CType.INT32) int hp,
        @Field(type = CType.FLOAT) float x,
        @Field(type = CType.FLOAT) float y,
        @Field(type = CType.POINTER, to = Entity.class) RemotePointer<Entity> next,
        @Field(type = CType.POINTER, to = Entity.class) RemotePointer<Entity> target) {
}
