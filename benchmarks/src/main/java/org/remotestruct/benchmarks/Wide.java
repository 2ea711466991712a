package org.remotestruct.benchmarks;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * Java mirror of {@code struct wide} in {@code bench_target.c}: 256 bytes, 16 fields, no padding,
 * so a one-iovec-per-field read moves exactly the same bytes as a one-span read. The processor
 * generates {@code WideRemoteView} and the {@code wide.h} that {@code bench_target.c} includes.
 *
 * @param id int64_t at 0
 * @param hp int32_t at 8
 * @param mana int32_t at 12
 * @param x double at 16
 * @param y double at 24
 * @param z double at 32
 * @param score int64_t at 40
 * @param flags uint32_t at 48
 * @param level int32_t at 52
 * @param lastSeen int64_t at 56
 * @param kills int64_t[8] at 64
 * @param cooldowns double[8] at 128
 * @param name char[40] at 192, ASCII
 * @param guild int64_t at 232
 * @param gold double at 240
 * @param xp int64_t at 248
 */
@RemoteStruct(size = 256, name = "wide")
public record Wide(
        @Field(offset = 0, type = CType.INT64) long id,
        @Field(offset = 8, type = CType.INT32) int hp,
        @Field(offset = 12, type = CType.INT32) int mana,
        @Field(offset = 16, type = CType.DOUBLE) double x,
        @Field(offset = 24, type = CType.DOUBLE) double y,
        @Field(offset = 32, type = CType.DOUBLE) double z,
        @Field(offset = 40, type = CType.INT64) long score,
        @Field(offset = 48, type = CType.UINT32) long flags,
        @Field(offset = 52, type = CType.INT32) int level,
        @Field(offset = 56, type = CType.INT64) long lastSeen,
        @Field(offset = 64, type = CType.INT64, length = 8) long[] kills,
        @Field(offset = 128, type = CType.DOUBLE, length = 8) double[] cooldowns,
        @Field(offset = 192, type = CType.CHAR, length = 40, charset = "US-ASCII") String name,
        @Field(offset = 232, type = CType.INT64) long guild,
        @Field(offset = 240, type = CType.DOUBLE) double gold,
        @Field(offset = 248, type = CType.INT64) long xp) {
}
