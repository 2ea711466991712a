package org.remotestruct.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.remotestruct.annotations.CType;

class BumpCounterTest {

    @Test
    void bumpWrapsACounterAtItsMaximumLikeCInsteadOfRefusingAfterTheFieldsWereWritten() {
        assertEquals("0", SetCommand.nextCount(CType.UINT32, 0xffff_ffffL));
        assertEquals("0", SetCommand.nextCount(CType.UINT8, 255));
        assertEquals("0", SetCommand.nextCount(CType.UINT16, 65535));
        assertEquals("-128", SetCommand.nextCount(CType.INT8, 127));
        assertEquals("-2147483648", SetCommand.nextCount(CType.INT32, Integer.MAX_VALUE));
        assertEquals("0", SetCommand.nextCount(CType.UINT64, -1L));
        assertEquals("9223372036854775808", SetCommand.nextCount(CType.UINT64, Long.MAX_VALUE));
    }

    @Test
    void bumpAddsOneBelowTheMaximum() {
        assertEquals("2", SetCommand.nextCount(CType.UINT32, 1));
        assertEquals("-4", SetCommand.nextCount(CType.INT64, -5));
    }
}
