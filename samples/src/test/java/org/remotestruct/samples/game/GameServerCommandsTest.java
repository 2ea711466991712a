package org.remotestruct.samples.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.samples.testsupport.GameServer;

/** The C game server's stdin commands, sent the way a pipe may deliver them: several per read, or split. */
class GameServerCommandsTest {

    @TempDir
    Path dir;

    @Test
    void severalCommandsInOneWriteAreAllRunWithoutWaitingForMoreInput() throws Exception {
        try (GameServer game = GameServer.start(dir, "batched")) {
            int from = game.lines().size();
            game.send("pause\nstep 3\ndump\n"); // stdin stays open: nothing else arrives to wake the server
            int paused = game.await(from, l -> l.startsWith("paused at tick "));
            int stepped = game.await(paused, l -> l.startsWith("stepped to tick "));
            int end = game.await(stepped, "dump end"::equals);
            long tick = Long.parseLong(game.lines().get(paused).substring("paused at tick ".length()));
            assertEquals("stepped to tick " + (tick + 3), game.lines().get(stepped));
            assertTrue(game.lines().subList(stepped, end).contains("world.tick=" + (tick + 3)), game.lines().toString());
        }
    }

    @Test
    void aCommandSplitAcrossWritesRunsOnceComplete() throws Exception {
        try (GameServer game = GameServer.start(dir, "split")) {
            int from = game.lines().size();
            game.send("pa");
            game.send("use\n");
            game.await(from, l -> l.startsWith("paused at tick "));
            assertTrue(game.lines().stream().noneMatch(l -> l.startsWith("unknown command")), game.lines().toString());
        }
    }
}
