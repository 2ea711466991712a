package org.remotestruct.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.remotestruct.registry.RegistryEntry;

/**
 * How much the probe reads from the targets, so that one registry cannot make it allocate without
 * bound: an entry of a few million elements over untouched {@code PROT_READ|MAP_NORESERVE} memory
 * costs its publisher nothing, but decoding it took all of {@code probe serve}'s heap. An entry
 * past the per-entry limits is not read; entries of one target are read in registry order while
 * they fit the per-target limits; {@code probe serve} also reads targets only while they fit the
 * per-round limits. Every entry or target left out is reported with the limit and the option that
 * raises it. Pure.
 *
 * @param entryBytes bytes of one entry ({@code count * size})
 * @param entryElements elements of one entry
 * @param targetBytes bytes of all entries read from one target
 * @param targetElements elements of all entries read from one target
 * @param roundBytes bytes read from all targets in one round of {@code probe serve}
 * @param roundElements elements read from all targets in one round of {@code probe serve}
 */
record ReadLimits(long entryBytes, long entryElements, long targetBytes, long targetElements, long roundBytes,
        long roundElements) {

    static final long DEFAULT_ENTRY_BYTES = 1L << 20;
    static final long DEFAULT_ENTRY_ELEMENTS = 4096;
    static final long DEFAULT_TARGET_BYTES = 4L << 20;
    static final long DEFAULT_TARGET_ELEMENTS = 16384;
    static final long DEFAULT_ROUND_BYTES = 16L << 20;
    static final long DEFAULT_ROUND_ELEMENTS = 65536;

    /** 1 MiB / 4096 elements an entry, 4 MiB / 16384 a target, 16 MiB / 65536 a round. */
    static final ReadLimits DEFAULTS = new ReadLimits(DEFAULT_ENTRY_BYTES, DEFAULT_ENTRY_ELEMENTS, DEFAULT_TARGET_BYTES,
            DEFAULT_TARGET_ELEMENTS, DEFAULT_ROUND_BYTES, DEFAULT_ROUND_ELEMENTS);

    /**
     * Refuses a limit below 1 (exit code 2), naming its option.
     *
     * @throws ProbeException if a limit would let nothing be read
     */
    ReadLimits {
        positive("--max-entry-bytes", entryBytes);
        positive("--max-entry-elements", entryElements);
        positive("--max-target-bytes", targetBytes);
        positive("--max-target-elements", targetElements);
        positive("--max-round-bytes", roundBytes);
        positive("--max-round-elements", roundElements);
    }

    private static void positive(String option, long value) {
        if (value < 1) {
            throw new ProbeException(ProbeException.USAGE, option + " must be at least 1, was " + value);
        }
    }

    /**
     * The entries of {@code entries} (one target's, in registry order) that are not read, each with
     * why: past the per-entry limits, or past the per-target limits together with the entries before
     * it that are read. The others are read.
     */
    Map<RegistryEntry, String> refusals(List<RegistryEntry> entries) {
        Map<RegistryEntry, String> out = new LinkedHashMap<>();
        long bytes = 0;
        long elements = 0;
        for (RegistryEntry e : entries) {
            if (e.count() > entryElements || e.byteLength() > entryBytes) {
                out.put(e, describe(e) + " is not read: an entry may have at most " + entryElements + " elements and "
                        + entryBytes + " bytes (--max-entry-elements, --max-entry-bytes)");
            } else if (elements + e.count() > targetElements || bytes + e.byteLength() > targetBytes) {
                out.put(e, describe(e) + " is not read: with the " + elements + " elements and " + bytes + " bytes"
                        + " read before it, the target would pass the " + targetElements + " elements and "
                        + targetBytes + " bytes one target may have read (--max-target-elements, --max-target-bytes)");
            } else {
                bytes += e.byteLength();
                elements += e.count();
            }
        }
        return out;
    }

    /** {@code entry 'players' (Player[64], 2816 bytes)}. */
    static String describe(RegistryEntry e) {
        return "entry '" + e.name() + "' (" + e.typeName() + "[" + e.count() + "], " + e.byteLength() + " bytes)";
    }

    /** A fresh budget for one round of {@code probe serve}. */
    Round round() {
        return new Round();
    }

    /** The round's remaining bytes and elements, taken target by target. Not thread-safe. */
    final class Round {
        private long bytes = roundBytes;
        private long elements = roundElements;

        /**
         * Takes {@code wantBytes} and {@code wantElements} from the round and returns null, or
         * takes nothing and returns why the target that wants them is not read.
         */
        String take(long wantBytes, long wantElements) {
            if (wantBytes > bytes || wantElements > elements) {
                return "not read this round: its " + wantElements + " elements and " + wantBytes + " bytes would"
                        + " pass the round's " + roundElements + " elements and " + roundBytes + " bytes, of which "
                        + elements + " and " + bytes + " are left (--max-round-elements, --max-round-bytes)";
            }
            bytes -= wantBytes;
            elements -= wantElements;
            return null;
        }
    }
}
