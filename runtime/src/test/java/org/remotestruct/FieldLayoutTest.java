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
}
