package org.commcredits.ledger.platform.storage;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorPositionsTest {

    @Test
    @DisplayName("INV-API-04: an older gap (a rolled-back transaction's index) does not hold back a later sequence")
    void olderGapsDoNotHoldBackLaterSequences() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(100, new TreeSet<>(List.of(40L, 90L)));
        assertThat(ProcessorPositions.handled(token, 100)).isTrue();
        assertThat(ProcessorPositions.handled(token, 95)).isTrue();
        assertThat(ProcessorPositions.handled(token, 90)).as("a gap is not handled yet").isFalse();
        assertThat(ProcessorPositions.handled(token, 101)).isFalse();
    }
}
