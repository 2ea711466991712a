package org.remotestruct.samples.game;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * The game server's world state ({@code struct World} in {@code World.h}), written by the server
 * every tick and only read by probes. Sequenced on {@code seq}: the server brackets each update with
 * {@code World_seq_begin}/{@code World_seq_end}, so every read is a consistent snapshot (tick and
 * uptime of the same tick, never one of each; docs/snapshots.md).
 *
 * @param tick ticks simulated since start
 * @param players number of occupied player slots
 * @param seq the seqlock sequence: odd while the server updates the world, even between updates
 * @param uptime simulated seconds: the sum of {@code 1 / tickRate} over all ticks
 * @param configGeneration generation of the config the server last applied
 * @param tickRate tick rate of the applied config
 * @param maxHp max hp of the applied config
 */
@RemoteStruct(size = 40, sequence = "seq")
public record World(
        @Field(offset = 0, type = CType.UINT64) long tick,
        @Field(offset = 8, type = CType.INT32) int players,
        @Field(offset = 12, type = CType.UINT32) long seq,
        @Field(offset = 16, type = CType.DOUBLE) double uptime,
        @Field(offset = 24, type = CType.UINT32) long configGeneration,
        @Field(offset = 28, type = CType.INT32) int tickRate,
        @Field(offset = 32, type = CType.INT32) int maxHp) {
}
