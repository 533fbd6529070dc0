package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** INV-API-07: the sandbox test clock moves forward only, and only operators move it. */
class TestClockTest extends LedgerOnPostgres {

    @Test
    @DisplayName("INV-API-07: the test clock advances by a period and to an instant")
    void canAdvance() {
        Instant before = Instant.parse(http().get("operator", "/api/test-clock").json().get("now").asText());
        LedgerHttp.Answer moved = http().post("operator", "/api/test-clock", "{\"advanceBy\":\"P1D\"}");
        assertThat(moved.status()).isEqualTo(200);
        Instant after = Instant.parse(moved.json().get("now").asText());
        assertThat(after).isAfterOrEqualTo(before.plusSeconds(86_400));

        Instant target = after.plusSeconds(3_600);
        LedgerHttp.Answer set = http().post("operator", "/api/test-clock", "{\"now\":\"" + target + "\"}");
        assertThat(Instant.parse(set.json().get("now").asText())).isAfterOrEqualTo(target);
    }

    @Test
    @DisplayName("INV-API-07: the test clock never moves backwards")
    void cannotGoBackwards() {
        LedgerHttp.Answer back = http().post("operator", "/api/test-clock", "{\"now\":\"2020-01-01T00:00:00Z\"}");
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.code()).isEqualTo("CLOCK_CANNOT_GO_BACKWARDS");
        LedgerHttp.Answer negative = http().post("operator", "/api/test-clock", "{\"advanceBy\":\"-P1D\"}");
        assertThat(negative.status()).isEqualTo(409);
        LedgerHttp.Answer garbage = http().post("operator", "/api/test-clock", "{\"advanceBy\":\"soon\"}");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.code()).isEqualTo("INVALID_DURATION");
    }

    @Test
    @DisplayName("INV-API-07: only an operator moves the clock")
    void onlyOperatorsMoveIt() {
        LedgerHttp.Answer denied = http().post("billing_admin", "/api/test-clock", "{\"advanceBy\":\"P1D\"}");
        assertThat(denied.status()).isEqualTo(403);
    }
}
