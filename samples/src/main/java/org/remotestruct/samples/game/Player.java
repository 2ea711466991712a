package org.remotestruct.samples.game;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * One of the game server's 64 player slots ({@code struct Player} in {@code Player.h}); slots at
 * and past {@link World#players()} are empty (all zero).
 *
 * @param id player id, 1-based; 0 in an empty slot
 * @param name the player's name, NUL-padded {@code char[16]}; writable, so an operator can rename a
 *     player in place (the server never changes a name after start-up)
 * @param hp hit points, 0 while dead
 * @param x position
 * @param y position
 * @param z position
 * @param score hits landed
 * @param alive whether the player is alive
 */
@RemoteStruct(size = 44)
public record Player(
        @Field(offset = 0, type = CType.INT32) int id,
        @Field(offset = 4, type = CType.CHAR, length = 16, writable = true) String name,
        @Field(offset = 20, type = CType.INT32) int hp,
        @Field(offset = 24, type = CType.FLOAT) float x,
        @Field(offset = 28, type = CType.FLOAT) float y,
        @Field(offset = 32, type = CType.FLOAT) float z,
        @Field(offset = 36, type = CType.UINT32) long score,
        @Field(offset = 40, type = CType.BOOL) boolean alive) {
}
