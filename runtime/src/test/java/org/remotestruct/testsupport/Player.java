package org.remotestruct.testsupport;

/**
 * Mirror of {@code struct player} in {@code rs_target.c}.
 *
 * @param id offset 0
 * @param hp offset 4
 * @param speed offset 8
 * @param name offset 16, char[16]
 * @param score offset 32
 * @param level offset 640
 * @param flags offset 644
 */
public record Player(int id, int hp, double speed, String name, long score, int level, int flags) {

    /** The values {@code fill(p, id)} in the C target writes. */
    public static Player filled(int id) {
        return new Player(id, 100 + id, 1.5 * id, "player-" + id, 1_000_000_000_000L + id, 10 * id,
                0x5a5a0000 | id);
    }
}
