package org.remotestruct.samples.arena;

import org.remotestruct.annotations.EnumValue;

/** {@code enum fighter_state} of arena.h; values the enum does not declare read as {@link #UNKNOWN}. */
public enum FighterState {
    /** {@code FS_IDLE}. */
    @EnumValue(value = 0, cName = "FS_IDLE") IDLE,
    /** {@code FS_ATTACKING}. */
    @EnumValue(value = 1, cName = "FS_ATTACKING") ATTACKING,
    /** {@code FS_BLOCKING}. */
    @EnumValue(value = 2, cName = "FS_BLOCKING") BLOCKING,
    /** {@code FS_DEAD}. */
    @EnumValue(value = 7, cName = "FS_DEAD") DEAD,
    /** A value this enum does not know; {@code FighterRemoteView.readStateRaw()} has the number. */
    @EnumValue.Unknown UNKNOWN
}
