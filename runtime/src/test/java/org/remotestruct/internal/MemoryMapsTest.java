package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryMapsTest {

    static final List<MemoryMaps.Mapping> MAPS = MemoryMaps.parse(List.of(
            "555555554000-555555556000 r--p 00000000 08:01 1234      /usr/bin/game server",
            "555555556000-555555558000 rw-p 00002000 08:01 1234      /usr/bin/game server",
            "555555558000-555555559000 rw-p 00000000 00:00 0         [heap]",
            "7f0000000000-7f0000001000 rw-s 00000000 00:05 99        /dev/shm/x",
            "7f0000002000-7f0000003000 ---p 00000000 00:00 0 ",
            "7ffff7fc1000-7ffff7fc5000 r--p 00000000 00:00 0         [vvar]",
            "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0 [vsyscall]"));

    private static String problem(long start, long length, boolean writable) {
        return MemoryMaps.coverageProblem(MAPS, start, length, writable);
    }

    @Test
    void parsesAddressesPermissionsAndPathsWithSpaces() {
        assertEquals(new MemoryMaps.Mapping(0x555555554000L, 0x555555556000L, "r--p", "/usr/bin/game server"),
                MAPS.get(0));
        assertEquals("", MAPS.get(4).path());
        assertEquals(0xffffffffff601000L, MAPS.get(6).end());
    }

    @Test
    void rejectsAMalformedLineNamingItsNumberButNotItsText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemoryMaps.parse(List.of("55-66 rw-p 0 0:0 0", "zz-66 rw-p 0 0:0 0 /home/u/secret")));
        assertEquals("maps line 2 malformed: expected 'start-end perms offset dev inode [path]'", e.getMessage());
    }

    @Test
    void acceptsARangeInsideOneReadableMapping() {
        assertNull(problem(0x555555554100L, 64, false));
    }

    @Test
    void acceptsARangeSpanningAdjacentMappings() {
        assertNull(problem(0x555555557f00L, 0x200, true));
        assertNull(problem(0x555555555000L, 0x3000, false));
    }

    @Test
    void acceptsARangeEndingExactlyAtAMappingEnd() {
        assertNull(problem(0x555555558f00L, 0x100, true));
    }

    @Test
    void refusesARangeRunningIntoAGapNamingTheFirstUnmappedAddress() {
        assertEquals("address 0x555555559000 is in no mapping of the process", problem(0x555555558f00L, 0x101, false));
    }

    @Test
    void refusesAnAddressInNoMapping() {
        assertEquals("address 0x10000 is in no mapping of the process", problem(0x10000, 32, false));
    }

    @Test
    void refusesAnUnreadableMapping() {
        assertEquals("address 0x7f0000002000 lies in a mapping that is not readable",
                problem(0x7f0000002000L, 8, false));
    }

    @Test
    void refusesWritingAReadOnlyMappingWithoutNamingItsFileOrBounds() {
        // The reader of the message may be the less privileged publisher: the target's mappings are not its to see.
        assertEquals("address 0x555555554000 lies in a mapping that is not writable", problem(0x555555554000L, 8, true));
    }

    @Test
    void readsButNeverWritesASharedMapping() {
        assertNull(problem(0x7f0000000000L, 8, false));
        assertTrue(problem(0x7f0000000000L, 8, true).contains("shared"));
    }

    @Test
    void refusesKernelSpecialMappingsEvenForReading() {
        assertTrue(problem(0x7ffff7fc1000L, 8, false).contains("a kernel special mapping ([vvar])"));
        assertTrue(problem(0xffffffffff600000L, 8, false).contains("kernel special mapping"));
    }
}
