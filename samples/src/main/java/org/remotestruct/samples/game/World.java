package org.remotestruct.samples.game;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * The game server's world state ({@code struct World} in {@code World.h}), written by the server
 * every tick and only read by probes.
 *
 * @param tick ticks simulated since start
 * @param players number of occupied player slots
 * @param uptime simulated seconds: the sum of {@code 1 / tickRate} over all ticks
 * @param configGeneration generation of the config the server last applied
 * @param tickRate tick rate of the applied config
 * @param maxHp max hp of the applied config
 */
@RemoteStruct(size = 40)
public record World(
        @Field(offset = 0, type = CType.UINT64) long tick,
        @Field(offset = 8, type = CType.INT32) int players,
        @Field(offset = 16, type = CType.DOUBLE) double uptime,
        @Field(offset = 24, type = CType.UINT32) long configGeneration,
        @Field(offset = 28, type = CType.INT32) int tickRate,
        @Field(offset = 32, type = CType.INT32) int maxHp) {
}
