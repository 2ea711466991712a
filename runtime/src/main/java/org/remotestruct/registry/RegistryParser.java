package org.remotestruct.registry;

import static org.remotestruct.registry.RegistrySyntax.END;
import static org.remotestruct.registry.RegistrySyntax.ENTRY;
import static org.remotestruct.registry.RegistrySyntax.KEY_BOOT_ID;
import static org.remotestruct.registry.RegistrySyntax.KEY_IMAGE;
import static org.remotestruct.registry.RegistrySyntax.KEY_NAME;
import static org.remotestruct.registry.RegistrySyntax.KEY_PID;
import static org.remotestruct.registry.RegistrySyntax.KEY_PID_NS;
import static org.remotestruct.registry.RegistrySyntax.KEY_START_TIME;
import static org.remotestruct.registry.RegistrySyntax.MAGIC;
import static org.remotestruct.registry.RegistrySyntax.VERSION;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.remotestruct.internal.SafeText;

/**
 * Parses registry text (format version 1, {@code docs/registry-format.md}) strictly: anything that
 * is not exactly what a complete, uncorrupted file holds is rejected with its line number. Pure: text
 * in, {@link RegistryFile} out; reading the file safely is {@link AddressRegistry}'s job.
 *
 * <p>Unknown keys are rejected rather than ignored: a reader that skipped a key it does not know
 * could misread a newer file, so a format that needs new keys gets a new version number instead.
 *
 * <p>The file may have been written by anyone who can write to the registry directory, and its
 * errors are printed by a reader that may run as root on a terminal: every piece of the file that a
 * message repeats goes through {@link SafeText#quote}, escaped and cut to 80 characters.
 */
final class RegistryParser {

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");
    private static final Pattern HEX_ADDRESS = Pattern.compile("0x[0-9a-f]+");
    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");
    private static final String HEADER_KEYS = "pid, starttime, bootid, pidns, image, name";

    private final String source;
    private final List<String> lines;
    private final Map<String, String> header = new HashMap<>();
    private final Map<String, Integer> headerLine = new HashMap<>();
    private final Map<String, Integer> entryLine = new HashMap<>();
    private final List<RegistryEntry> entries = new ArrayList<>();
    private int lineNo;

    private RegistryParser(String source, List<String> lines) {
        this.source = source;
        this.lines = lines;
    }

    /**
     * Parses the lines of one registry file (without their {@code '\n'} terminators).
     *
     * @param sourceName the file name, used only in error messages
     * @throws RegistryFormatException naming the source, the 1-based line and what was expected
     */
    static RegistryFile parse(String sourceName, List<String> lines) {
        return new RegistryParser(sourceName, lines).run();
    }

    private RegistryFile run() {
        lineNo = 1;
        if (lines.isEmpty()) {
            throw fail("empty file; expected '" + MAGIC + " " + VERSION + "'");
        }
        parseMagic(line());
        for (lineNo = 2; lineNo <= lines.size(); lineNo++) {
            String[] tokens = tokens(line());
            switch (tokens[0]) {
                case KEY_PID, KEY_START_TIME, KEY_BOOT_ID, KEY_PID_NS, KEY_IMAGE, KEY_NAME -> parseHeader(tokens);
                case ENTRY -> parseEntry(tokens);
                case END -> {
                    RegistryFile file = parseEnd(tokens);
                    if (lineNo < lines.size()) {
                        lineNo++;
                        throw fail("content after the end line; a registry ends with its 'end' line");
                    }
                    return file;
                }
                default -> throw fail("unknown key " + SafeText.quote(tokens[0]) + "; version " + VERSION
                        + " knows only " + HEADER_KEYS + ", entry and end");
            }
        }
        throw fail("missing 'end <count> <checksum>' line: the file ends after line " + lines.size()
                + " (truncated, or written without rs_registry_commit)");
    }

    /**
     * The current line; one ending in CR gets its own message, since every other check would
     * report a confusing symptom of it ("unsupported version '1\r'").
     */
    private String line() {
        String line = lines.get(lineNo - 1);
        if (line.endsWith("\r")) {
            throw fail("line " + lineNo + " ends with CR (\\r\\n line endings): registries use \\n alone; "
                    + "write the file with rs_registry_commit or RegistryPublisher, or convert it (dos2unix)");
        }
        return line;
    }

    private void parseMagic(String line) {
        String expected = MAGIC + " " + VERSION;
        if (line.equals(expected)) {
            return;
        }
        if (line.startsWith(MAGIC + " ")) {
            throw fail("unsupported registry format version " + SafeText.quote(line.substring(MAGIC.length() + 1))
                    + "; this runtime reads version " + VERSION + " (upgrade remotestruct)");
        }
        throw fail("not a remotestruct registry: expected '" + expected + "' as the first line");
    }

    private String[] tokens(String line) {
        if (line.isEmpty()) {
            throw fail("blank line; expected a key (" + HEADER_KEYS + ", entry or end)");
        }
        String[] tokens = line.split(" ", -1);
        for (String t : tokens) {
            if (t.isEmpty()) {
                throw fail("fields must be separated by exactly one space, with none at either end");
            }
        }
        return tokens;
    }

    private void parseHeader(String[] tokens) {
        String key = tokens[0];
        if (!entries.isEmpty()) {
            throw fail("header key '" + key + "' after entries; header keys come before the first entry");
        }
        expectFields(tokens, 2, key + " <value>");
        Integer first = headerLine.putIfAbsent(key, lineNo);
        if (first != null) {
            throw fail("duplicate key " + SafeText.quote(key) + " (first on line " + first + ")");
        }
        String value = tokens[1];
        switch (key) {
            case KEY_PID -> decimal(value, "pid", 1, Integer.MAX_VALUE);
            case KEY_START_TIME -> decimal(value, "starttime", 0, Long.MAX_VALUE);
            case KEY_PID_NS -> decimal(value, "pidns", 1, RegistrySyntax.MAX_PID_NS);
            case KEY_IMAGE -> require(RegistrySyntax.isImageDigest(value),
                    "image must be 64 lowercase hex digits (SHA-256 of the AT_RANDOM bytes), was " + SafeText.quote(value));
            case KEY_BOOT_ID -> require(RegistrySyntax.isBootId(value),
                    "bootid must be a lowercase UUID as in /proc/sys/kernel/random/boot_id, was " + SafeText.quote(value));
            default -> require(RegistrySyntax.isName(value),
                    "name must be " + RegistrySyntax.nameRule() + ", was " + SafeText.quote(value));
        }
        header.put(key, value);
    }

    private void parseEntry(String[] tokens) {
        requireHeader();
        expectFields(tokens, 7, "entry <name> <type> 0x<address> <count> <size> <fingerprint>");
        String name = tokens[1];
        require(RegistrySyntax.isName(name), "entry name must be " + RegistrySyntax.nameRule()
                + ", was " + SafeText.quote(name));
        Integer first = entryLine.putIfAbsent(name, lineNo);
        if (first != null) {
            throw fail("duplicate entry name '" + name + "' (first on line " + first + ")");
        }
        String type = tokens[2];
        require(RegistrySyntax.isTypeName(type), "type name must be " + RegistrySyntax.typeNameRule()
                + ", was " + SafeText.quote(type));
        long address = address(tokens[3]);
        int count = (int) decimal(tokens[4], "count", 1, Integer.MAX_VALUE);
        int size = (int) decimal(tokens[5], "element size", 1, Integer.MAX_VALUE);
        long fingerprint = hex16(tokens[6], "fingerprint");
        String problem = RegistrySyntax.entryProblem(name, type, address, count, size);
        require(problem == null, "entry '" + name + "': " + problem);
        entries.add(new RegistryEntry(name, type, address, count, size, fingerprint));
    }

    private RegistryFile parseEnd(String[] tokens) {
        requireHeader();
        expectFields(tokens, 3, "end <entry count> <checksum>");
        long count = decimal(tokens[1], "end entry count", 0, Integer.MAX_VALUE);
        require(count == entries.size(), "end line says " + count + " entries but the file has "
                + entries.size() + " (lines lost or duplicated)");
        long stated = hex16(tokens[2], "checksum");
        long actual = RegistrySyntax.checksum(lines.subList(0, lineNo - 1));
        require(stated == actual, "checksum " + RegistrySyntax.hex16(stated) + " does not match the "
                + RegistrySyntax.hex16(actual) + " computed over lines 1-" + (lineNo - 1) + " (file corrupted)");
        return new RegistryFile(Integer.parseInt(header.get(KEY_PID)), Long.parseLong(header.get(KEY_START_TIME)),
                header.get(KEY_BOOT_ID), Long.parseLong(header.getOrDefault(KEY_PID_NS, "0")), header.get(KEY_NAME),
                header.get(KEY_IMAGE), entries);
    }

    private void requireHeader() {
        List<String> missing = new ArrayList<>();
        for (String key : List.of(KEY_PID, KEY_START_TIME, KEY_BOOT_ID)) {
            if (!header.containsKey(key)) {
                missing.add(key);
            }
        }
        require(missing.isEmpty(), "missing header key(s) " + missing
                + "; pid, starttime and bootid must come before the first entry and the end line");
    }

    private void expectFields(String[] tokens, int n, String form) {
        require(tokens.length == n, "expected '" + form + "' (" + n + " fields), found " + tokens.length);
    }

    private long decimal(String token, String what, long min, long max) {
        require(DECIMAL.matcher(token).matches(), what + " must be a decimal number without sign or "
                + "leading zeros, was " + SafeText.quote(token));
        long value;
        try {
            value = Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw fail(what + " " + SafeText.quote(token) + " overflows; at most " + max);
        }
        require(value <= max, what + " " + token + " overflows; at most " + max);
        require(value >= min, what + " must be at least " + min + ", was " + token);
        return value;
    }

    private long address(String token) {
        require(HEX_ADDRESS.matcher(token).matches(),
                "address must be 0x followed by lowercase hex digits, was " + SafeText.quote(token));
        String digits = token.substring(2);
        require(digits.length() <= 16, "address " + SafeText.quote(token) + " overflows 64 bits");
        long value = Long.parseUnsignedLong(digits, 16);
        require(value != 0, "address must not be 0 (a NULL pointer was published)");
        return value;
    }

    private long hex16(String token, String what) {
        require(HEX16.matcher(token).matches(), what + " must be exactly 16 lowercase hex digits, was "
                + SafeText.quote(token));
        return Long.parseUnsignedLong(token, 16);
    }

    private void require(boolean ok, String problem) {
        if (!ok) {
            throw fail(problem);
        }
    }

    private RegistryFormatException fail(String problem) {
        return new RegistryFormatException(source, lineNo, problem);
    }
}
