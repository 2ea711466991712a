package org.remotestruct.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.remotestruct.probe.testsupport.JsonReader;

/** The probe's JSON writer: escaping, special numbers, byte arrays, nesting. */
class JsonTest {

    @Test
    void stringsEscapeQuotesBackslashesAndControlCharacters() {
        String nasty = "a\"b\\c\nd\te\u0001f\u2028g é";
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028g é\"", Json.write(nasty));
        assertEquals(nasty, JsonReader.parse(Json.write(nasty)));
    }

    @Test
    void terminalAndInvisibleCharactersFromTargetMemoryAreEscapedAsJsonEscapes() {
        // CSI as one C1 character, a right-to-left override, a tag character (a surrogate pair), a lone surrogate.
        String s = "a\u009b2J\u202eb\udb40\udc41c\ud800";
        String json = Json.write(s);
        assertEquals("\"a\\u009b2J\\u202eb\\udb40\\udc41c\\ud800\"", json);
        assertEquals(s, JsonReader.parse(json), "still the same string to a JSON reader");
    }

    @Test
    void nanAndInfinitiesBecomeStrings() {
        assertEquals("[\"NaN\", \"Infinity\", \"-Infinity\", 1.5, 0.1]",
                Json.write(List.of(Float.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.5f, 0.1)));
    }

    @Test
    void byteArraysBecomeHexAndPrimitiveArraysBecomeArrays() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("raw", new byte[] {0, 15, (byte) 0xff});
        m.put("ints", new int[] {1, -2});
        m.put("flags", new boolean[] {true, false});
        m.put("big", Long.MIN_VALUE);
        assertEquals("{\n  \"raw\": \"000fff\",\n  \"ints\": [1, -2],\n  \"flags\": [true, false],\n  \"big\": "
                + Long.MIN_VALUE + "\n}", Json.write(m));
    }

    @Test
    void nestedContainersParseBackUnchanged() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("hp", 100L);
        inner.put("name", "ada");
        inner.put("alive", true);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("players", List.of(inner, inner));
        outer.put("empty", List.of());
        outer.put("none", new LinkedHashMap<>());
        outer.put("nothing", null);
        assertEquals(outer, JsonReader.parse(Json.write(outer)));
    }
}
