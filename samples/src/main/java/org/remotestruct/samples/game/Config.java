package org.remotestruct.samples.game;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * The game server's live config ({@code struct Config} in {@code Config.h}): every field is
 * writable from outside. The server applies the config only when {@link #generation()} changes,
 * so writers change the other fields first and bump the generation in a separate, final write.
 *
 * @param tickRate ticks per second, 1..1000
 * @param maxHp hit points of a fresh player, 1..100000
 * @param motd message of the day, NUL-padded {@code char[64]}
 * @param generation incremented by a writer after it changed the other fields
 */
@RemoteStruct(size = 76)
public record Config(
        @Field(offset = 0, type = CType.INT32, writable = true) int tickRate,
        @Field(offset = 4, type = CType.INT32, writable = true) int maxHp,
        @Field(offset = 8, type = CType.CHAR, length = 64, writable = true) String motd,
        @Field(offset = 72, type = CType.UINT32, writable = true) long generation) {
}
