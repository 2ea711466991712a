package org.remotestruct.registry;

import java.util.List;
import java.util.regex.Pattern;
import org.remotestruct.LayoutFingerprint;
import org.remotestruct.internal.SafeText;

/**
 * The lexical rules of the registry format in one place, shared by the parser, the records'
 * constructors and the writer, so whatever Java can publish the parser accepts and nothing else.
 */
final class RegistrySyntax {

    /** First line of every version-1 registry. */
    static final String MAGIC = "remotestruct-registry";
    static final int VERSION = 1;
    static final String KEY_PID = "pid";
    static final String KEY_START_TIME = "starttime";
    static final String KEY_BOOT_ID = "bootid";
    static final String KEY_NAME = "name";
    static final String KEY_PID_NS = "pidns";
    static final String KEY_IMAGE = "image";
    /** Largest pid namespace inode: the kernel numbers namespaces with unsigned 32-bit proc inodes. */
    static final long MAX_PID_NS = 0xffff_ffffL;
    static final String ENTRY = "entry";
    static final String END = "end";
    /** Longest entry name, process label or type name; keeps every line short and bounded. */
    static final int MAX_NAME = 128;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1," + MAX_NAME + "}");
    private static final Pattern C_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0," + (MAX_NAME - 1) + "}");
    /** Exactly the form the kernel prints in /proc/sys/kernel/random/boot_id. */
    private static final Pattern BOOT_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private RegistrySyntax() {
    }

    static boolean isName(String s) {
        return s != null && NAME.matcher(s).matches();
    }

    static boolean isTypeName(String s) {
        return s != null && C_IDENTIFIER.matcher(s).matches();
    }

    /** Whether {@code s} is an image digest: 64 lowercase hex digits (SHA-256). */
    static boolean isImageDigest(String s) {
        return s.length() == 64 && s.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    static boolean isBootId(String s) {
        return s != null && BOOT_ID.matcher(s).matches();
    }

    static String nameRule() {
        return "1-" + MAX_NAME + " characters from A-Z a-z 0-9 _ . : -";
    }

    static String typeNameRule() {
        return "a C identifier of at most " + MAX_NAME + " characters";
    }

    /** What is wrong with these header values, or {@code null} if they are valid. */
    static String headerProblem(int pid, long startTime, String bootId, long pidNamespace, String processName) {
        if (pid < 1) {
            return "pid must be at least 1, was " + pid;
        }
        if (startTime < 0) {
            return "starttime must not be negative, was " + startTime;
        }
        if (!isBootId(bootId)) {
            return "bootid must be a lowercase UUID as in /proc/sys/kernel/random/boot_id, was " + SafeText.quote(bootId);
        }
        if (pidNamespace < 0 || pidNamespace > MAX_PID_NS) {
            return "pidns must be 1 .. " + MAX_PID_NS + " (0 when not recorded), was " + pidNamespace;
        }
        if (processName != null && !isName(processName)) {
            return "name must be " + nameRule() + ", was " + SafeText.quote(processName);
        }
        return null;
    }

    /** What is wrong with these entry values, or {@code null} if they are valid. */
    static String entryProblem(String name, String typeName, long address, int count, int elementSize) {
        if (!isName(name)) {
            return "entry name must be " + nameRule();
        }
        if (!isTypeName(typeName)) {
            return "type name must be " + typeNameRule() + ", was " + SafeText.quote(typeName);
        }
        if (address == 0) {
            return "address must not be 0";
        }
        if (count < 1 || elementSize < 1) {
            return "count and element size must be at least 1, were " + count + " and " + elementSize;
        }
        long end = address + (long) count * elementSize;
        // Unsigned compare: the range must end below 2^64, so end must not wrap to or past 0.
        if (Long.compareUnsigned(end, address) <= 0) {
            return String.format("range 0x%x + %d * %d wraps past 2^64", address, count, elementSize);
        }
        return null;
    }

    /** The {@code end} line's checksum: FNV-1a 64 over every earlier line, each with its newline. */
    static long checksum(List<String> linesBeforeEnd) {
        StringBuilder sb = new StringBuilder();
        for (String line : linesBeforeEnd) {
            sb.append(line).append('\n');
        }
        return LayoutFingerprint.fnv1a(sb.toString());
    }

    /** 16 lowercase hex digits, the spelling of fingerprints and checksums. */
    static String hex16(long value) {
        return String.format("%016x", value);
    }
}
