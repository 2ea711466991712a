package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** Properties of the writer and parser together: one format, and corruption never reads as other data. */
class RegistryRoundTripPropertyTest {

    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-";
    private static final String HEX = "0123456789abcdef";

    enum Corruption { TRUNCATE, FLIP_CHAR, DROP_LINE, DUPLICATE_LINE }

    @Property(tries = 500)
    void everyValidRegistryReadsBackAsWritten(@ForAll("registries") RegistryFile original) {
        String text = RegistryWriter.format(original);
        assertEquals(original, RegistryParser.parse("p", RegistryFiles.splitLines(text)));
    }

    @Property(tries = 3000)
    void aCorruptedRegistryIsRejectedOrReadsBackUnchanged(@ForAll("registries") RegistryFile original,
            @ForAll Corruption corruption, @ForAll @IntRange(min = 0, max = 1_000_000) int position,
            @ForAll("replacements") char replacement) {
        String corrupted = corrupt(RegistryWriter.format(original), corruption, position, replacement);
        RegistryFile parsed;
        try {
            parsed = RegistryParser.parse("p", RegistryFiles.splitLines(corrupted));
        } catch (RegistryFormatException rejected) {
            Statistics.label("outcome").collect(corruption, "rejected");
            return;
        }
        Statistics.label("outcome").collect(corruption, "accepted");
        assertEquals(original, parsed, () -> "corrupted text was accepted as different data:\n" + corrupted);
    }

    static String corrupt(String text, Corruption corruption, int position, char replacement) {
        List<String> lines = new ArrayList<>(RegistryFiles.splitLines(text));
        int line = position % lines.size();
        switch (corruption) {
            case TRUNCATE:
                return text.substring(0, position % text.length());
            case FLIP_CHAR:
                int i = position % text.length();
                char c = text.charAt(i) == replacement ? (char) (replacement ^ 1) : replacement;
                return text.substring(0, i) + c + text.substring(i + 1);
            case DROP_LINE:
                lines.remove(line);
                break;
            default:
                lines.add(line, lines.get(line));
                break;
        }
        return String.join("\n", lines) + "\n";
    }

    @Provide
    Arbitrary<Character> replacements() {
        return Arbitraries.oneOf(Arbitraries.chars().range(' ', '~'), Arbitraries.of('\n', '\r', '\t', '\0'));
    }

    @Provide
    Arbitrary<RegistryFile> registries() {
        Arbitrary<String> bootId = Arbitraries.strings().withChars(HEX).ofLength(32).map(h -> h.substring(0, 8)
                + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20));
        return Combinators.combine(
                Arbitraries.integers().between(1, 4_194_304),
                Arbitraries.longs().between(0, Long.MAX_VALUE),
                bootId,
                // 0 is "not recorded" (no pidns line); the rest spans the unsigned 32-bit inode range.
                Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(1, RegistrySyntax.MAX_PID_NS)),
                names().injectNull(0.3),
                entries().list().ofMaxSize(6).uniqueElements(RegistryEntry::name))
                .as(RegistryFile::new);
    }

    private static Arbitrary<String> names() {
        return Arbitraries.strings().withChars(NAME_CHARS).ofMinLength(1).ofMaxLength(24);
    }

    private static Arbitrary<RegistryEntry> entries() {
        Arbitrary<String> types = Combinators.combine(
                Arbitraries.chars().with("abcXYZ_".toCharArray()),
                Arbitraries.strings().withChars("abcXYZ_09").ofMaxLength(12)).as((first, rest) -> first + rest);
        Arbitrary<Long> addresses = Arbitraries.oneOf(
                Arbitraries.longs().between(1, 0x7fffffffffffL),
                Arbitraries.longs().filter(a -> a != 0));
        return Combinators.combine(names(), types, addresses, Arbitraries.integers().between(1, 100_000),
                Arbitraries.integers().between(1, 4096), Arbitraries.longs())
                .filter((n, t, a, count, size, fp) -> RegistrySyntax.entryProblem(n, t, a, count, size) == null)
                .as(RegistryEntry::new);
    }
}
