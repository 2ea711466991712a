package org.remotestruct.benchmarks;

/**
 * Java mirror of {@code struct small} in {@code bench_target.c}: 64 bytes, 10 fields.
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
public record Small(long id, int hp, int mana, double x, double y, double z, long score, int level, long flags,
        double gold) {
}
