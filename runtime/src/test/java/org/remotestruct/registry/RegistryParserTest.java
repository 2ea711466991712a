package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryParserTest {

    static final String BOOT = "1fb39080-d598-496e-ab6b-1881a8d9fd81";

    /** Header lines 1-5 of a valid file; entries go on line 6 onwards. */
    static List<String> header() {
        return new ArrayList<>(List.of("remotestruct-registry 1", "pid 4242", "starttime 123456",
                "bootid " + BOOT, "name game"));
    }

    /** {@code body} plus a correct end line. */
    static List<String> complete(List<String> body, int entries) {
        List<String> out = new ArrayList<>(body);
        out.add("end " + entries + " " + RegistrySyntax.hex16(RegistrySyntax.checksum(body)));
        return out;
    }

    static List<String> withEntry(String entryLine) {
        List<String> body = header();
        body.add(entryLine);
        return complete(body, 1);
    }

    static RegistryFormatException rejected(List<String> lines) {
        return assertThrows(RegistryFormatException.class, () -> RegistryParser.parse("t.registry", lines));
    }

    static void assertRejectedAt(int line, String messagePart, List<String> lines) {
        RegistryFormatException e = rejected(lines);
        assertEquals(line, e.line(), e.getMessage());
        assertEquals("t.registry", e.source());
        assertTrue(e.getMessage().startsWith("t.registry:" + line + ": "), e.getMessage());
        assertTrue(e.problem().contains(messagePart), () -> "expected '" + messagePart + "' in: " + e.getMessage());
    }

    @Test
    void parsesEveryFieldOfAValidFile() {
        List<String> body = header();
        body.add("entry world World 0x7f0000001000 1 32 0123456789abcdef");
        body.add("entry players Player 0x7f0000002000 8 16 fedcba9876543210");
        RegistryFile f = RegistryParser.parse("t.registry", complete(body, 2));
        assertEquals(4242, f.pid());
        assertEquals(123456, f.startTime());
        assertEquals(BOOT, f.bootId());
        assertEquals(Optional.of("game"), f.label());
        assertEquals(List.of(
                new RegistryEntry("world", "World", 0x7f0000001000L, 1, 32, 0x0123456789abcdefL),
                new RegistryEntry("players", "Player", 0x7f0000002000L, 8, 16, 0xfedcba9876543210L)), f.entries());
        assertEquals(0x7f0000002080L, f.entry("players").orElseThrow().endAddress());
    }

    @Test
    void theExampleInTheFormatDocumentParsesWithTheFingerprintsItClaims() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "registry-format.md"));
        int start = doc.indexOf("```\nremotestruct-registry 1") + 4;
        RegistryFile f = RegistryParser.parse("doc", RegistryFiles.splitLines(doc.substring(start, doc.indexOf("```", start))));
        assertEquals(4026531836L, f.pidNamespace());
        assertEquals(TestStructs.WORLD_LAYOUT.fingerprint(), f.entry("world").orElseThrow().fingerprint());
        assertEquals(TestStructs.PLAYER_LAYOUT.fingerprint(), f.entry("players").orElseThrow().fingerprint());
        assertTrue(doc.contains(org.remotestruct.LayoutFingerprint.canonical("World", 32, TestStructs.WORLD_LAYOUT.fields())));
    }

    @Test
    void acceptsAFileWithoutNameOrEntries() {
        List<String> body = header();
        body.remove("name game");
        RegistryFile f = RegistryParser.parse("t.registry", complete(body, 0));
        assertNull(f.processName());
        assertEquals(List.of(), f.entries());
    }

    @Test
    void acceptsAnAddressRangeEndingJustBelowTwoToThe64() {
        RegistryFile f = RegistryParser.parse("t", withEntry("entry top T 0xffffffffffffff00 1 255 0000000000000000"));
        assertEquals(-1L, f.entries().get(0).endAddress());
    }

    @Test
    void rejectsAnEmptyFileAtLine1() {
        assertRejectedAt(1, "empty file", List.of());
    }

    @Test
    void rejectsAWrongMagicAtLine1() {
        List<String> lines = withEntry("entry w W 0x1000 1 1 0000000000000000");
        lines.set(0, "remotestruct-registri 1");
        assertRejectedAt(1, "not a remotestruct registry", lines);
    }

    @Test
    void rejectsAnUnknownVersionAtLine1() {
        List<String> lines = withEntry("entry w W 0x1000 1 1 0000000000000000");
        lines.set(0, "remotestruct-registry 2");
        assertRejectedAt(1, "unsupported registry format version '2'", lines);
    }

    @Test
    void readsAnOptionalPidNamespaceAndTreatsItsAbsenceAsUnrecorded() {
        List<String> body = header();
        body.add(4, "pidns 4026532448");
        RegistryFile f = RegistryParser.parse("t.registry", complete(body, 0));
        assertEquals(4026532448L, f.pidNamespace());
        assertTrue(f.hasPidNamespace());
        RegistryFile without = RegistryParser.parse("t.registry", complete(header(), 0));
        assertEquals(0, without.pidNamespace());
        assertTrue(!without.hasPidNamespace());
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "'pidns pid:[4026532448]'|pidns must be a decimal number",
        "'pidns 0x1000'|pidns must be a decimal number",
        "'pidns -4026532448'|pidns must be a decimal number",
        "'pidns 0'|pidns must be at least 1, was 0",
        "'pidns 04026532448'|leading zeros",
        "'pidns 4294967296'|pidns 4294967296 overflows; at most 4294967295",
        "'pidns'|expected 'pidns <value>'",
    })
    void rejectsABadPidNamespaceAtItsLine(String text, String messagePart) {
        List<String> body = header();
        body.add(4, text);
        body.add("entry w W 0x1000 1 1 0000000000000000");
        assertRejectedAt(5, messagePart, complete(body, 1));
    }

    private static final String IMAGE = "3f0c6a1b2d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeef";

    @Test
    void readsAnOptionalImageDigestAndTreatsItsAbsenceAsUnrecorded() {
        List<String> body = header();
        body.add(4, "image " + IMAGE);
        assertEquals(IMAGE, RegistryParser.parse("t.registry", complete(body, 0)).imageDigest().orElseThrow());
        assertTrue(RegistryParser.parse("t.registry", complete(header(), 0)).imageDigest().isEmpty());
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "'image 3F0C6A1B2D4E5F60718293A4B5C6D7E8F90112233445566778899AABBCCDDEEFF'|image must be 64 lowercase hex",
        "'image 3f0c6a1b'|image must be 64 lowercase hex digits (SHA-256 of the AT_RANDOM bytes), was '3f0c6a1b'",
        "'image'|expected 'image <value>'",
    })
    void rejectsABadImageDigestAtItsLine(String text, String messagePart) {
        List<String> body = header();
        body.add(4, text);
        assertRejectedAt(5, messagePart, complete(body, 0));
    }

    @Test
    void rejectsADuplicatePidNamespaceAtTheSecondOccurrence() {
        List<String> body = header();
        body.add(2, "pidns 4026532448");
        body.add(5, "pidns 4026531836");
        assertRejectedAt(6, "duplicate key 'pidns' (first on line 3)", complete(body, 0));
    }

    @ParameterizedTest(name = "[{index}] line {0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "2|''|blank line",
        "2|'pid  4242'|exactly one space",
        "2|'pid 4242 '|exactly one space",
        "2|'color red'|unknown key 'color'",
        "2|'pid'|expected 'pid <value>'",
        "2|'pid 0'|pid must be at least 1",
        "2|'pid 0123'|leading zeros",
        "2|'pid 12a'|pid must be a decimal number",
        "2|'pid 2147483648'|pid 2147483648 overflows",
        "3|'starttime -1'|starttime must be a decimal number",
        "3|'starttime 99999999999999999999'|overflows",
        "4|'bootid 1FB39080-D598-496E-AB6B-1881A8D9FD81'|bootid must be a lowercase UUID",
        "4|'bootid 1fb39080'|bootid must be a lowercase UUID",
        "5|'name game server'|expected 'name <value>'",
        "5|'name game/server'|name must be 1-128 characters",
    })
    void rejectsABadHeaderLineAtItsLine(int line, String text, String messagePart) {
        List<String> lines = withEntry("entry w W 0x1000 1 1 0000000000000000");
        lines.set(line - 1, text);
        assertRejectedAt(line, messagePart, lines);
    }

    @Test
    void rejectsADuplicateHeaderKeyAtTheSecondOccurrence() {
        List<String> lines = withEntry("entry w W 0x1000 1 1 0000000000000000");
        lines.add(3, "pid 4243");
        assertRejectedAt(4, "duplicate key 'pid' (first on line 2)", lines);
    }

    @Test
    void rejectsAMissingHeaderKeyAtTheFirstEntry() {
        List<String> lines = withEntry("entry w W 0x1000 1 1 0000000000000000");
        lines.remove("bootid " + BOOT);
        assertRejectedAt(5, "missing header key(s) [bootid]", lines);
    }

    @Test
    void rejectsAMissingHeaderKeyAtTheEndLineWhenThereAreNoEntries() {
        assertRejectedAt(2, "missing header key(s) [pid, starttime, bootid]",
                complete(List.of("remotestruct-registry 1"), 0));
    }

    @Test
    void rejectsAHeaderKeyAfterEntriesAtItsLine() {
        List<String> body = header();
        body.remove("name game");
        body.add("entry w W 0x1000 1 1 0000000000000000");
        body.add("name game");
        assertRejectedAt(6, "header key 'name' after entries", complete(body, 1));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "'entry w W 0x1000 1 1'|expected 'entry <name> <type>",
        "'entry w W 0x1000 1 1 0000000000000000 extra'|(7 fields), found 8",
        "'entry w/x W 0x1000 1 1 0000000000000000'|entry name must be",
        "'entry w 9World 0x1000 1 1 0000000000000000'|type name must be a C identifier",
        "'entry w Wo-rld 0x1000 1 1 0000000000000000'|type name must be a C identifier",
        "'entry w W 0xzz 1 1 0000000000000000'|address must be 0x followed by lowercase hex",
        "'entry w W 0x7F00 1 1 0000000000000000'|address must be 0x followed by lowercase hex",
        "'entry w W 7f00 1 1 0000000000000000'|address must be 0x followed by lowercase hex",
        "'entry w W 0x 1 1 0000000000000000'|address must be 0x followed by lowercase hex",
        "'entry w W 0x10000000000000000 1 1 0000000000000000'|overflows 64 bits",
        "'entry w W 0x0 1 1 0000000000000000'|address must not be 0",
        "'entry w W 0x0000000000000000 1 1 0000000000000000'|address must not be 0",
        "'entry w W 0x1000 0 1 0000000000000000'|count must be at least 1",
        "'entry w W 0x1000 -1 1 0000000000000000'|count must be a decimal number",
        "'entry w W 0x1000 2147483648 1 0000000000000000'|count 2147483648 overflows",
        "'entry w W 0x1000 99999999999999999999999 1 0000000000000000'|overflows",
        "'entry w W 0x1000 1 0 0000000000000000'|element size must be at least 1",
        "'entry w W 0x1000 1 4294967297 0000000000000000'|element size 4294967297 overflows",
        "'entry w W 0xffffffffffffff00 1 256 0000000000000000'|wraps past 2^64",
        "'entry w W 0xd000000000000000 2147483647 2147483647 0000000000000000'|wraps past 2^64",
        "'entry w W 0x1000 1 1 000000000000000'|fingerprint must be exactly 16 lowercase hex digits",
        "'entry w W 0x1000 1 1 0123456789ABCDEF'|fingerprint must be exactly 16 lowercase hex digits",
    })
    void rejectsABadEntryAtItsLine(String entryLine, String messagePart) {
        assertRejectedAt(6, messagePart, withEntry(entryLine));
    }

    @Test
    void rejectsADuplicateEntryNameAtTheSecondOccurrence() {
        List<String> body = header();
        body.add("entry w W 0x1000 1 1 0000000000000000");
        body.add("entry w W 0x2000 1 1 0000000000000000");
        assertRejectedAt(7, "duplicate entry name 'w' (first on line 6)", complete(body, 2));
    }

    @Test
    void rejectsAMissingEndLineOnePastTheLastLine() {
        List<String> lines = withEntry("entry w W 0x1000 1 1 0000000000000000");
        lines.remove(lines.size() - 1);
        assertRejectedAt(7, "missing 'end <count> <checksum>' line: the file ends after line 6", lines);
    }

    @Test
    void rejectsAnEndCountThatDiffersFromTheEntries() {
        List<String> body = header();
        body.add("entry w W 0x1000 1 1 0000000000000000");
        assertRejectedAt(7, "end line says 2 entries but the file has 1", complete(body, 2));
    }

    @Test
    void rejectsAChecksumThatDoesNotMatch() {
        List<String> lines = withEntry("entry w W 0x1000 1 1 0000000000000000");
        lines.set(6, "end 1 0000000000000000");
        assertRejectedAt(7, "checksum 0000000000000000 does not match", lines);
    }

    @Test
    void rejectsAnEditedEntryThroughTheChecksum() {
        List<String> lines = withEntry("entry w W 0x1000 1 1 0000000000000000");
        lines.set(5, "entry w W 0x2000 1 1 0000000000000000");
        assertRejectedAt(7, "(file corrupted)", lines);
    }

    @Test
    void rejectsAnEndLineWithoutChecksum() {
        List<String> lines = withEntry("entry w W 0x1000 1 1 0000000000000000");
        lines.set(6, "end 1");
        assertRejectedAt(7, "expected 'end <entry count> <checksum>'", lines);
    }

    @Test
    void rejectsContentAfterTheEndLineAtTheFirstExtraLine() {
        List<String> lines = withEntry("entry w W 0x1000 1 1 0000000000000000");
        lines.add("entry x W 0x2000 1 1 0000000000000000");
        assertRejectedAt(8, "content after the end line", lines);
    }

    @Test
    void rejectsAnEmptyLineAfterTheEndLine() {
        List<String> lines = withEntry("entry w W 0x1000 1 1 0000000000000000");
        lines.add("");
        assertRejectedAt(8, "content after the end line", lines);
    }

    @Test
    void aCarriageReturnLineEndingIsNamedAsSuch() {
        List<String> lines = withEntry("entry w W 0x1000 1 1 0000000000000000");
        lines.set(1, "pid 4242\r");
        assertRejectedAt(2, "line 2 ends with CR (\\r\\n line endings): registries use \\n alone", lines);
    }

    @Test
    void aCrlfFileIsToldAboutItsLineEndingsNotToUpgrade() {
        // The whole file written with CRLF: splitting at \n leaves a CR on every line, the first one included.
        List<String> lines = withEntry("entry w W 0x1000 1 1 0000000000000000").stream().map(l -> l + "\r").toList();
        RegistryFormatException e = rejected(lines);
        assertEquals("t.registry:1: line 1 ends with CR (\\r\\n line endings): registries use \\n alone; write the "
                + "file with rs_registry_commit or RegistryPublisher, or convert it (dos2unix)", e.getMessage());
    }

    @Test
    void terminalEscapesInALabelAreEscapedInTheMessage() {
        List<String> lines = header();
        lines.set(4, "name \u001b[2J\u001b]0;pwned\u0007x");
        RegistryFormatException e = rejected(complete(lines, 0));
        assertEquals("t.registry:5: name must be 1-128 characters from A-Z a-z 0-9 _ . : -, was "
                + "'\\x1b[2J\\x1b]0;pwned\\x07x'", e.getMessage());
    }

    @Test
    void escapesInEveryEchoedTokenAreEscaped() {
        assertRejectedAt(6, "unknown key '\\x1b[31mred'", withEntry("\u001b[31mred x"));
        assertRejectedAt(6, "entry name must be 1-128 characters from A-Z a-z 0-9 _ . : -, was 'w\\x9b2J'",
                withEntry("entry w\u009b2J W 0x1000 1 1 0000000000000000"));
        assertRejectedAt(6, "type name must be a C identifier of at most 128 characters, was 'W\\x07'",
                withEntry("entry w W\u0007 0x1000 1 1 0000000000000000"));
        assertRejectedAt(6, "address must be 0x followed by lowercase hex digits, was '0x\\x1b'",
                withEntry("entry w W 0x\u001b 1 1 0000000000000000"));
        assertRejectedAt(6, "count must be a decimal number without sign or leading zeros, was '1\\r2'",
                withEntry("entry w W 0x1000 1\r2 1 0000000000000000"));
        assertRejectedAt(6, "fingerprint must be exactly 16 lowercase hex digits, was '\\x1bc'",
                withEntry("entry w W 0x1000 1 1 \u001bc"));
        assertRejectedAt(1, "unsupported registry format version '1\\x1b[2J'", List.of("remotestruct-registry 1\u001b[2J"));
        List<String> image = header();
        image.add(4, "image \u001b]0;x\u0007");
        assertRejectedAt(5, "image must be 64 lowercase hex digits (SHA-256 of the AT_RANDOM bytes), was "
                + "'\\x1b]0;x\\x07'", complete(image, 0));
    }

    @Test
    void aHugeLabelMakesAShortMessageWithItsLength() {
        List<String> lines = header();
        lines.set(4, "name " + "\u001b".repeat(900 * 1024));
        RegistryFormatException e = rejected(complete(lines, 0));
        assertEquals("t.registry:5: name must be 1-128 characters from A-Z a-z 0-9 _ . : -, was '"
                + "\\x1b".repeat(80) + "'... (921600 characters, first 80 shown)", e.getMessage());
    }

    @Test
    void aHugeNumberIsCutToo() {
        String digits = "9".repeat(100_000);
        RegistryFormatException e = rejected(withEntry("entry w W 0x1000 " + digits + " 1 0000000000000000"));
        assertTrue(e.getMessage().endsWith("count '" + "9".repeat(80) + "'... (100000 characters, first 80 shown)"
                + " overflows; at most 2147483647"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    @Test
    void controlCharactersInTheSourceNameAreEscaped() {
        RegistryFormatException e = assertThrows(RegistryFormatException.class,
                () -> RegistryParser.parse("/r/\u001b[2Jx.registry", List.of()));
        assertTrue(e.getMessage().startsWith("/r/\\x1b[2Jx.registry:1: empty file"), e.getMessage());
        assertEquals("/r/\u001b[2Jx.registry", e.source(), "the accessor keeps the name as given");
    }
}
