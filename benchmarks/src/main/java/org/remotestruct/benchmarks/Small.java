package org.remotestruct.benchmarks;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * Java mirror of {@code struct small} in {@code bench_target.c}: 64 bytes, 10 fields. The
 * processor generates {@code SmallRemoteView} and the {@code small.h} that {@code bench_target.c}
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
 */
@RemoteStruct(size = 64, name = "small")
public record Small(
        @Field(offset = 0, type = CType.INT64) long id,
        @Field(offset = 8, type = CType.INT32) int hp,
        @Field(offset = 12, type = CType.INT32) int mana,
        @Field(offset = 16, type = CType.DOUBLE) double x,
        @Field(offset = 24, type = CType.DOUBLE) double y,
        @Field(offset = 32, type = CType.DOUBLE) double z,
        @Field(offset = 40, type = CType.INT64) long score,
        @Field(offset = 48, type = CType.INT32) int level,
        @Field(offset = 52, type = CType.UINT32) long flags,
        @Field(offset = 56, type = CType.DOUBLE) double gold) {
}
