package org.remotestruct.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FieldGaugesNamingTest {

    @Test
    void fieldFamiliesAreStructAndFieldInSnakeCase() {
        assertEquals("remotestruct_player_max_hp", FieldGauges.metricName("Player", "maxHp"));
        assertEquals("remotestruct_game_state_tick", FieldGauges.metricName("GameState", "tick"));
    }

    @Test
    void aStructNamedProbeCannotCollideWithTheProbesOwnSeries() {
        assertEquals("remotestruct_struct_probe_targets", FieldGauges.metricName("Probe", "targets"));
        assertEquals("remotestruct_struct_probe_read_seconds", FieldGauges.metricName("probe", "readSeconds"));
    }
}
