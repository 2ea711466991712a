package org.remotestruct.benchmarks;

/**
 * Java mirror of {@code struct wide} in {@code bench_target.c}: 256 bytes, 16 fields, no padding,
 * so a one-iovec-per-field read moves exactly the same bytes as a one-span read.
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
 * @param name char[40] at 192
 * @param guild int64_t at 232
 * @param gold double at 240
 * @param xp int64_t at 248
 */
public record Wide(long id, int hp, int mana, double x, double y, double z, long score, long flags, int level,
        long lastSeen, long[] kills, double[] cooldowns, String name, long guild, double gold, long xp) {
}
