package org.remotestruct.samples.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructType;
import org.remotestruct.StructView;
import org.remotestruct.SyscallCounts;
import org.remotestruct.WriteBatch;

/**
 * The untyped view of a tool that found {@code struct fighter} by name through
 * {@link StructType#named} against the real arena C process: enums, signed and unsigned bitfields
 * sharing storage units, nested unions. Writes by name land as the generated view's would, and
 * what does not fit is refused before anything is written.
 */
class ArenaStructViewTest {

    private ArenaTarget target;
    private RemoteProcess process;
    private StructView<?> fighter;

    @BeforeEach
    void start() {
        target = ArenaTarget.start();
        process = RemoteProcess.attach(target.pid());
        // opens and proves /proc/<pid>/mem now, so the counts below see each single read's own syscall
        process.readTransport();
        StructType<?> type = StructType.named("fighter").orElseThrow();
        fighter = StructView.of(type, process, target.address());
    }

    @AfterEach
    void stop() throws Exception {
        target.close();
    }

    @Test
    void readsEnumsAndBitfieldsByNameAsDecodeToMapPresentsThem() {
        assertEquals(FighterState.ATTACKING, fighter.readField("state"));
        assertEquals(-3, fighter.readField("mood"));
        assertEquals((1L << 39) + 12345, fighter.readField("kills"));
        Map<String, Object> all = fighter.readToMap();
        assertEquals(5, all.get("team"));
        assertEquals(Boolean.TRUE, all.get("invisible"));
        assertEquals("zorro", all.get("name"));
    }

    @Test
    void bitfieldAndEnumWritesByNameChangeOnlyTheirBitsInTheTarget() throws Exception {
        fighter.writeField("mood", -8);
        fighter.writeField("team", 2);
        fighter.writeField("kills", 0xff_ffff_ffffL);
        fighter.writeField("state", FighterState.DEAD);
        Map<String, String> c = target.dump();
        assertEquals("-8", c.get("mood"));
        assertEquals("2", c.get("team"));
        assertEquals("1", c.get("alive"), "a neighbour in the same byte keeps its value");
        assertEquals("99", c.get("level"));
        assertEquals(Long.toString(0xff_ffff_ffffL), c.get("kills"));
        assertEquals(Long.toString(0xabcdef), c.get("rank"), "the other bitfield of the 64-bit unit keeps its value");
        assertEquals("7", c.get("state"), "an enum constant is written as its C value");
        fighter.writeField("state", 2);
        assertEquals(FighterState.BLOCKING, fighter.readField("state"), "a raw number is written as is");
    }

    @Test
    void valuesTheGeneratedViewRefusesAreRefusedByNameBeforeAnythingIsWritten() throws Exception {
        IllegalArgumentException team = assertThrows(IllegalArgumentException.class,
                () -> fighter.writeField("team", 8));
        assertTrue(team.getMessage().contains("field Fighter.team: 8 does not fit its 3 unsigned bits (0..7)"),
                team.getMessage());
        IllegalArgumentException mood = assertThrows(IllegalArgumentException.class,
                () -> fighter.writeField("mood", 8));
        assertTrue(mood.getMessage().contains("4 signed bits (-8..7)"), mood.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> fighter.writeField("state", FighterState.UNKNOWN));
        assertTrue(unknown.getMessage().contains("Fighter.state: UNKNOWN has no C value"), unknown.getMessage());
        IllegalArgumentException raw = assertThrows(IllegalArgumentException.class,
                () -> fighter.writeField("state", 1L << 31));
        assertTrue(raw.getMessage().contains("Fighter.state"), raw.getMessage());
        IllegalArgumentException readOnly = assertThrows(IllegalArgumentException.class,
                () -> fighter.writeField("id", 1));
        assertTrue(readOnly.getMessage().contains("is not writable"), readOnly.getMessage());
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> fighter.writeField("name", 5));
        assertTrue(wrongType.getMessage().contains("field Fighter.name (char[12]) takes a String, not Integer"),
                wrongType.getMessage());
        Map<String, String> c = target.dump();
        assertEquals("5", c.get("team"));
        assertEquals("-3", c.get("mood"));
        assertEquals("1", c.get("state"));
    }

    @Test
    void bitfieldsOfOneUnitStagedByNameStartFromTheStagedBytesAndLandTogether() throws Exception {
        WriteBatch batch = process.newWriteBatch();
        long reads = SyscallCounts.reads();
        fighter.stageField(batch, "alive", false).stageField(batch, "team", 6)
                .stageField(batch, "level", 3).stageField(batch, "invisible", false);
        assertEquals(2, SyscallCounts.reads() - reads, "one read per storage unit (bytes 8 and 9), not per bitfield");
        long writes = SyscallCounts.writes();
        batch.apply();
        assertEquals(1, SyscallCounts.writes() - writes);
        Map<String, String> c = target.dump();
        assertEquals("0", c.get("alive"), "the second bitfield of the unit kept the first one's staged bits");
        assertEquals("6", c.get("team"));
        assertEquals("3", c.get("level"));
        assertEquals("0", c.get("invisible"));
        assertEquals("-3", c.get("mood"), "a bitfield the batch did not set keeps its value");
    }
}
