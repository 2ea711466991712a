package org.remotestruct.samples.arena;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * {@code struct arena_event} of arena.h, declared there under {@code #pragma pack(2)}: the same
 * packing here gives the same offsets, including bitfields that straddle bytes.
 *
 * @param kind event kind
 * @param when timestamp, at offset 2
 * @param code 12-bit event code
 * @param delta signed 6-bit change, straddling two bytes
 * @param where position, {@code aligned(8)} in C but capped to 2 by the pragma
 */
@RemoteStruct(name = "arena_event", header = "arena.h", pack = 2)
public record ArenaEvent(
        @Field(type = CType.UINT8) int kind,
        @Field(type = CType.UINT64, writable = true) long when,
        @Field(type = CType.UINT16, bits = 12, writable = true) int code,
        @Field(type = CType.INT8, bits = 6, writable = true) int delta,
        @Field(type = CType.DOUBLE, align = 8, writable = true) double where) {
}
