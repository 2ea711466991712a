package org.remotestruct.benchmarks;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * Java mirror of {@code struct medium} in {@code bench_target.c}: 128 bytes, 18 scalar fields, no
 * padding; the target allocates 64 of them far apart for {@link ScatteredBatchBenchmark}. The
 * processor generates {@code MediumRemoteView} and the {@code medium.h} that {@code bench_target.c}
 * includes.
 *
 * @param id int64_t at 0
 * @param hp int32_t at 8
 * @param mana int32_t at 12
 * @param x double at 16
 * @param y double at 24
 * @param z double at 32
 * @param score int64_t at 40
 * @param level int32_t at 48
 * @param flags uint32_t at 52
 * @param gold double at 56
 * @param lastSeen int64_t at 64
 * @param guild int64_t at 72
 * @param xp int64_t at 80
 * @param vx double at 88
 * @param vy double at 96
 * @param vz double at 104
 * @param kills int64_t at 112
 * @param deaths int64_t at 120
 */
@RemoteStruct(size = 128, name = "medium")
public record Medium(
        @Field(offset = 0, type = CType.INT64) long id,
        @Field(offset = 8, type = CType.INT32) int hp,
        @Field(offset = 12, type = CType.INT32) int mana,
        @Field(offset = 16, type = CType.DOUBLE) double x,
        @Field(offset = 24, type = CType.DOUBLE) double y,
        @Field(offset = 32, type = CType.DOUBLE) double z,
        @Field(offset = 40, type = CType.INT64) long score,
        @Field(offset = 48, type = CType.INT32) int level,
        @Field(offset = 52, type = CType.UINT32) long flags,
        @Field(offset = 56, type = CType.DOUBLE) double gold,
        @Field(offset = 64, type = CType.INT64) long lastSeen,
        @Field(offset = 72, type = CType.INT64) long guild,
        @Field(offset = 80, type = CType.INT64) long xp,
        @Field(offset = 88, type = CType.DOUBLE) double vx,
        @Field(offset = 96, type = CType.DOUBLE) double vy,
        @Field(offset = 104, type = CType.DOUBLE) double vz,
        @Field(offset = 112, type = CType.INT64) long kills,
        @Field(offset = 120, type = CType.INT64) long deaths) {
}
