package org.remotestruct.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructLayout;
import org.remotestruct.StructView;
import org.remotestruct.annotations.CType;

/** Parsing command-line values by C type: ranges, refusals, encoding. */
class FieldValuesTest {

    private static FieldLayout scalar(CType type) {
        return new FieldLayout("f", 0, type, 1, type.size(), true, null, null);
    }

    @ParameterizedTest
    @CsvSource({
        "INT8, -128, 127, -129, 128",
        "UINT8, 0, 255, -1, 256",
        "INT16, -32768, 32767, -32769, 32768",
        "UINT16, 0, 65535, -1, 65536",
        "INT32, -2147483648, 2147483647, -2147483649, 2147483648",
        "UINT32, 0, 4294967295, -1, 4294967296",
        "INT64, -9223372036854775808, 9223372036854775807, -9223372036854775809, 9223372036854775808",
        "UINT64, 0, 18446744073709551615, -1, 18446744073709551616",
    })
    void integersAreAcceptedExactlyWithinTheirCRange(CType type, String min, String max, String below, String above) {
        FieldLayout f = scalar(type);
        FieldValues.parse(f, min);
        FieldValues.parse(f, max);
        for (String bad : new String[] {below, above}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FieldValues.parse(f, bad));
            assertEquals("value '" + bad + "' is out of range for " + FieldValues.cName(f) + "; accepted: " + min
                    + ".." + max, e.getMessage());
        }
    }

    @Test
    void hexIntegersAndUnsigned64BitValuesKeepTheirBits() {
        assertEquals(-1L, FieldValues.parse(scalar(CType.UINT64), "18446744073709551615"));
        assertEquals(255L, FieldValues.parse(scalar(CType.UINT8), "0xff"));
    }

    @Test
    void integersTakeOneSignBeforeTheHexPrefixAndAsciiDigitsOnly() {
        assertEquals(-16L, FieldValues.parse(scalar(CType.INT32), "-0x10"));
        assertEquals(7L, FieldValues.parse(scalar(CType.INT32), " +7 "));
        for (String bad : new String[] {"0x-5", "0x+5", "--5", "0x", "", "1_000", "\u0661\u0662", "5 5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FieldValues.parse(scalar(CType.INT32), bad), bad);
            assertEquals("value '" + bad + "' is not an integer for int32_t; accepted: -2147483648..2147483647",
                    e.getMessage());
        }
    }

    @Test
    void floatsBooleansAndGarbage() {
        assertEquals(1.5f, FieldValues.parse(scalar(CType.FLOAT), "1.5"));
        assertEquals(Float.NaN, FieldValues.parse(scalar(CType.FLOAT), "NaN"));
        assertThrows(IllegalArgumentException.class, () -> FieldValues.parse(scalar(CType.FLOAT), "1e39"));
        assertEquals(true, FieldValues.parse(scalar(CType.BOOL), "1"));
        assertThrows(IllegalArgumentException.class, () -> FieldValues.parse(scalar(CType.BOOL), "yes"));
        assertThrows(IllegalArgumentException.class, () -> FieldValues.parse(scalar(CType.INT32), "12abc"));
    }

    @Test
    void aFloatTooSmallToRepresentIsRefusedNotWrittenAsZero() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FieldValues.parse(scalar(CType.FLOAT), "1e-50"));
        assertTrue(e.getMessage().contains("too small for a float"), e.getMessage());
        assertEquals(0.0f, FieldValues.parse(scalar(CType.FLOAT), "0"));
        assertEquals(-0.0f, FieldValues.parse(scalar(CType.FLOAT), "-0.0"));
        assertEquals(1.4e-45f, FieldValues.parse(scalar(CType.FLOAT), "1.4e-45"));
        assertEquals(1e-50, FieldValues.parse(scalar(CType.DOUBLE), "1e-50"));
    }

    @Test
    void snakeCaseNamesFindCamelCaseFields() {
        StructLayout config = TunablesRemoteView.LAYOUT;
        assertEquals("maxHp", FieldValues.lookup(config, "max_hp").name());
        assertEquals("tickRate", FieldValues.lookup(config, "tickRate").name());
        assertEquals(null, FieldValues.lookup(config, "speed"));
    }

    @Test
    void encodedValuesDecodeBackThroughTheGeneratedType() {
        StructLayout config = TunablesRemoteView.LAYOUT;
        ByteBuffer b = ByteBuffer.allocate(config.size()).order(ByteOrder.nativeOrder());
        for (String[] kv : new String[][] {{"tickRate", "30"}, {"maxHp", "-5"}, {"motd", "hé"}, {"generation",
            "4294967295"}}) {
            FieldLayout f = config.field(kv[0]);
            StructView.encode(TunablesRemoteView.TYPE, f.name(), FieldValues.parse(f, kv[1]), b);
        }
        var decoded = TunablesRemoteView.decode(b, 0);
        assertEquals(30, decoded.tickRate());
        assertEquals(-5, decoded.maxHp());
        assertEquals("hé", decoded.motd());
        assertEquals(4294967295L, decoded.generation());
    }

    @Test
    void aBitfieldIsNotSettableFromTextBecauseItsUnitNeedsAReadModifyWrite() {
        FieldLayout whole = new FieldLayout("flags", 0, CType.UINT32, 1, 4, true, null, null);
        FieldLayout bits = new FieldLayout("team", 0, CType.UINT32, 1, 4, true, null, null, 3, 2);
        assertTrue(FieldValues.settable(whole));
        assertFalse(FieldValues.settable(bits), "encoding a uint32_t would overwrite the unit's other bitfields");
    }
}
