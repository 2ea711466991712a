package org.remotestruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotestruct.annotations.CType;

/** Hand-built layouts are checked as strictly as the processor checks records. */
class FieldLayoutTest {

    @Test
    void aFieldWhoseEndOverflowsAnIntIsRejectedInsteadOfWrappingInsideTheStruct() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FieldLayout("far", Integer.MAX_VALUE - 3, CType.INT32, 2, 4, false, null, null));
        assertTrue(e.getMessage().contains("field far"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new FieldLayout("huge", 0, CType.INT64, 0x2000_0001, 8, false, null, null));
    }

    @Test
    void aFieldEndingExactlyAtIntMaxIsAccepted() {
        FieldLayout f = new FieldLayout("last", Integer.MAX_VALUE - 4, CType.INT32, 1, 4, false, null, null);
        assertEquals(Integer.MAX_VALUE, f.end());
        assertThrows(IllegalArgumentException.class, () -> StructLayout.of("s", 16, List.of(f)));
    }

    @Test
    void bitfieldsMustFitTheirUnitAndTheirBitsChangeTheFingerprint() {
        assertThrows(IllegalArgumentException.class,
                () -> new FieldLayout("flags", 0, CType.UINT32, 1, 1, false, null, null, 5, 4));
        FieldLayout low = new FieldLayout("flags", 0, CType.UINT32, 1, 1, false, null, null, 0, 4);
        FieldLayout high = new FieldLayout("flags", 0, CType.UINT32, 1, 1, false, null, null, 4, 4);
        assertTrue(low.isBitfield());
        assertTrue(LayoutFingerprint.canonical("s", 4, List.of(low)).contains("flags:0:UINT32:1:1:bits0+4"));
        assertTrue(StructLayout.of("s", 4, List.of(low)).fingerprint() != StructLayout.of("s", 4, List.of(high))
                .fingerprint());
        FieldLayout plain = new FieldLayout("n", 0, CType.INT32, 1, 4, false, null, null);
        assertEquals("remotestruct-layout-v1\ns\n4\nn:0:INT32:1:4\n", LayoutFingerprint.canonical("s", 4, List.of(plain)),
                "a field that is not a bitfield hashes as before bitfields existed");
    }
}
