package org.remotestruct.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one golden file: docs/generated-example.md shows exactly what the processor generates. */
class GeneratedExampleTest {

    private static final String BEGIN = "<!-- generated:begin game.PlayerRemoteView -->\n```java\n";
    private static final String END = "```\n<!-- generated:end -->";

    @Test
    void documentedPlayerViewIsTheRealGeneratedCode(@TempDir Path dir) throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "generated-example.md"));
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        String documented = doc.substring(begin + BEGIN.length(), end);
        Compiled compiled = Compiled.compile(dir, List.of(), Sources.vec3(), Sources.player());
        assertEquals(compiled.source("game.PlayerRemoteView"), documented,
                "docs/generated-example.md is stale: paste the new generated PlayerRemoteView");
    }
}
