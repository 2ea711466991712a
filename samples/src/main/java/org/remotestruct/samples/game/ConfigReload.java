package org.remotestruct.samples.game;

import org.remotestruct.registry.AddressRegistry;

/**
 * Reloads the config of a live game server in place, the way the server expects it: the fields
 * first, in one write, then the generation in a separate, final write. The server applies a config
 * only when the generation changes, so it never sees one half-written.
 *
 * <pre>{@code
 * AddressRegistry game = AddressRegistry.load(Path.of("/run/remotestruct/game-1.registry"));
 * long generation = ConfigReload.apply(game, 20, 150, "double xp weekend");
 * }</pre>
 *
 * <p>One writer at a time: a second writer changing fields while the server copies the first
 * writer's config could mix the two (wait for the server to apply one generation before writing
 * the next).
 */
public final class ConfigReload {

    private ConfigReload() {
    }

    /**
     * Writes {@code tickRate}, {@code maxHp} and {@code motd} into the target's {@code config} entry
     * with one syscall, then bumps its generation with another.
     *
     * @return the new generation
     * @throws IllegalArgumentException if {@code motd} does not fit {@code char[64]}; nothing is written
     * @throws org.remotestruct.RemoteAccessException if a write fails (the message says which fields landed)
     */
    public static long apply(AddressRegistry game, int tickRate, int maxHp, String motd) {
        ConfigRemoteView config = game.writableView("config", ConfigRemoteView.TYPE);
        config.write().tickRate(tickRate).maxHp(maxHp).motd(motd).apply();
        long next = (config.readGeneration() + 1) & 0xffff_ffffL; // uint32_t wraps like the C counter
        config.writeGeneration(next);
        return next;
    }
}
