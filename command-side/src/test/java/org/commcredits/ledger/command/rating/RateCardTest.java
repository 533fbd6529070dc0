package org.commcredits.ledger.command.rating;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.commcredits.ledger.api.rating.RateCardUploaded;
import org.commcredits.ledger.api.rating.RateRow;
import org.commcredits.ledger.api.rating.UploadRateCard;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

class RateCardTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final List<RateRow> ROWS = List.of(new RateRow("44", "UK", "USD", 300, 0, NOW));

    @Test
    @DisplayName("each upload of a rate card id is a new version that replaces the previous rows")
    void canVersionEachUpload() {
        AggregateTestFixture<RateCard> fixture = new AggregateTestFixture<>(RateCard.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.givenNoPriorActivity().when(new UploadRateCard("main", ROWS, "rates_admin"))
                .expectEvents(new RateCardUploaded("main", 1, ROWS, "rates_admin", NOW));
        fixture.given(new RateCardUploaded("main", 1, ROWS, "rates_admin", NOW.minusSeconds(60)))
                .when(new UploadRateCard("main", ROWS, "rates_admin"))
                .expectEvents(new RateCardUploaded("main", 2, ROWS, "rates_admin", NOW));
    }
}
