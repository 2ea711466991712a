package org.remotestruct.samples.game;

import org.remotestruct.RemotePointer;
import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * The game server's zone ({@code struct Zone} in {@code Zone.h}): a linked list of malloc'd
 * {@link Entity} structs that spawn and die as ticks pass, a pointer graph to read with
 * {@link org.remotestruct.RemoteGraph} or {@code probe dump --follow}.
 *
 * @param tick the server tick the zone was last changed at
 * @param count entities in the list
 * @param spawned entities spawned since start (the last one's id)
 * @param first the head of the list (the newest entity), NULL when empty
 * @param boss the entity with the most hp, also in the list, or NULL
 */
@RemoteStruct
public record Zone(
        @Field(type = CType.UINT64) long tick,
        @Field(type = CType.UINT32) long count,
        @Field(type = CType.UINT32) long spawned,
        @Field(type = CType.POINTER, to = Entity.class) RemotePointer<Entity> first,
        @Field(type = CType.POINTER, to = Entity.class) RemotePointer<Entity> boss) {
}
