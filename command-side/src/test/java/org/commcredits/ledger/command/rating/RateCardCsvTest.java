package org.commcredits.ledger.command.rating;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.rating.RateRow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateCardCsvTest {

    static final String HEADER = "prefix,destination,perMinute,connectionFee,currency,effectiveFrom\n";

    @Test
    @DisplayName("INV-RATE-01: a valid file becomes rows with prices in ten-thousandths")
    void canReadAValidRateCard() {
        List<RateRow> rows = RateCardCsv.parse(HEADER + "+44,United Kingdom,0.0123,0.05,USD,2026-01-01T00:00:00Z\n"
                + "\n\"1\",\"United States, mainland\",0,0,EUR,2026-02-01T00:00:00Z");
        assertThat(rows).containsExactly(
                new RateRow("44", "United Kingdom", "USD", 123, 500, Instant.parse("2026-01-01T00:00:00Z")),
                new RateRow("1", "United States, mainland", "EUR", 0, 0, Instant.parse("2026-02-01T00:00:00Z")));
    }

    @Test
    @DisplayName("INV-RATE-01: every bad line is named by its number, and nothing is accepted")
    void cannotReadAnInvalidRateCard() {
        String csv = HEADER
                + "44,UK,0.01,0,USD,2026-01-01T00:00:00Z\n"       // 2 fine
                + "4a,UK,0.01,0,USD,2026-01-01T00:00:00Z\n"       // 3 prefix
                + "45,DK,0.00001,-1,XXX,soon\n"                   // 4 four errors
                + "46,SE,0.01,0\n"                                // 5 fields
                + "44,UK,0.02,0,USD,2026-01-01T00:00:00Z";        // 6 duplicate of line 2, no newline at the end
        assertThatThrownBy(() -> RateCardCsv.parse(csv))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RATE_CARD);
                    assertThat(e.getMessage()).contains("line 3: prefix", "line 4: perMinute", "line 4: connectionFee",
                            "line 4: currency", "line 4: effectiveFrom", "line 5: expected 6 fields",
                            "line 6: another row").doesNotContain("line 2");
                });
    }

    @Test
    void cannotReadAFileWithoutItsHeaderOrRows() {
        assertThatThrownBy(() -> RateCardCsv.parse("44,UK,0.01,0,USD,2026-01-01T00:00:00Z\n"))
                .hasMessageContaining("line 1: the header");
        assertThatThrownBy(() -> RateCardCsv.parse(HEADER)).hasMessageContaining("no rate rows");
        assertThatThrownBy(() -> RateCardCsv.parse("")).hasMessageContaining("no rate rows");
    }
}
