package org.remotestruct.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotestruct.probe.testsupport.ProbeRun;
import picocli.CommandLine;

/** {@code --help} works everywhere, even on commands with required options and parameters. */
class ProbeHelpTest {

    @Test
    void everySubcommandAnswersHelpWithoutComplainingAboutMissingOptions() {
        List<String> commands = new ArrayList<>(Probe.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())).getSubcommands().keySet());
        commands.remove("help"); // picocli's own: 'probe help dump'
        assertEquals(List.of("list", "types", "dump", "watch", "set", "serve"), commands);
        for (String command : commands) {
            for (String flag : new String[] {"--help", "-h"}) {
                ProbeRun r = ProbeRun.run(command, flag);
                assertEquals(0, r.exitCode(), command + " " + flag + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: probe " + command), command + ": " + r.out());
                assertTrue(r.out().contains("--types=JAR_OR_DIR"), command + " takes --types: " + r.out());
                assertEquals("", r.err(), command + " " + flag);
            }
        }
    }

    @Test
    void theProbeAndPicocliHelpCommandAnswerToo() {
        ProbeRun top = ProbeRun.run("--help");
        assertEquals(0, top.exitCode());
        assertTrue(top.out().contains("types") && top.out().contains("serve"), top.out());
        ProbeRun help = ProbeRun.run("help", "serve");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: probe serve"), help.out());
    }

    @Test
    void aMissingRequiredOptionStillFailsWithoutHelp() {
        ProbeRun r = ProbeRun.run("serve");
        assertEquals(CommandLine.ExitCode.USAGE, r.exitCode());
        assertTrue(r.err().startsWith("Missing required option: '--port=PORT'"), r.err());
    }
}
