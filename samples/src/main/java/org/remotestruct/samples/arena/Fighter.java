package org.remotestruct.samples.arena;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.OnUnknown;
import org.remotestruct.annotations.RemoteStruct;

/**
 * {@code struct fighter} of the hand-written arena.h, with no offsets: the processor lays it out
 * by the C rules and the build checks that against the header ({@code fighter_check.c}).
 *
 * @param id fighter id
 * @param state what it is doing
 * @param alive bit 0 of the flags
 * @param team 3-bit team number
 * @param mood signed 4-bit mood, -8 .. 7
 * @param level 7-bit level
 * @param invisible a {@code bool} bitfield
 * @param stat the class-dependent counter
 * @param magazine the anonymous union
 * @param x position
 * @param name display name
 * @param kills 40-bit kill count
 * @param rank 24-bit rank, sharing a 64-bit unit with {@code kills}
 */
@RemoteStruct(name = "fighter", header = "arena.h")
public record Fighter(
        @Field(type = CType.UINT32) long id,
        @Field(type = CType.INT32, writable = true, onUnknown = OnUnknown.UNKNOWN_CONSTANT) FighterState state,
        @Field(type = CType.UINT32, bits = 1, writable = true) boolean alive,
        @Field(type = CType.UINT32, bits = 3, writable = true) int team,
        @Field(type = CType.INT32, bits = 4, writable = true) int mood,
        @Field(type = CType.UINT32, bits = 7, writable = true) int level,
        @Field(type = CType.BOOL, bits = 1, writable = true) boolean invisible,
        @Field(type = CType.STRUCT) Stat stat,
        @Field(type = CType.STRUCT, anonymous = true) Magazine magazine,
        @Field(type = CType.DOUBLE, writable = true) double x,
        @Field(type = CType.CHAR, length = 12, writable = true) String name,
        @Field(type = CType.UINT64, bits = 40, writable = true) long kills,
        @Field(type = CType.UINT64, bits = 24, writable = true) long rank) {
}
