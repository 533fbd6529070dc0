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

    @Test
    @DisplayName("INV-IN-01: effectiveFrom may be a date (00:00 UTC that day) or an instant, a prefix with or without +")
    void canReadDatesAndPrefixesAsPriceSheetsWriteThem() {
        List<RateRow> rows = RateCardCsv.parse(HEADER
                + "44,United Kingdom,0.0200,0,USD,2020-01-01\n"
                + "+33,France,0.0300,0,USD,2020-01-01T00:00:00Z\n"
                + "+1,United States,0.0100,0,USD,2026-02-28T13:45:10.5Z\n");
        assertThat(rows).extracting(RateRow::prefix).containsExactly("44", "33", "1");
        assertThat(rows).extracting(RateRow::effectiveFrom).containsExactly(Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2026-02-28T13:45:10.500Z"));
    }

    @Test
    @DisplayName("INV-IN-01: a date and the instant of its midnight, or 44 and +44, are the same row twice")
    void cannotReadTheSameRowWrittenTwoWays() {
        assertThatThrownBy(() -> RateCardCsv.parse(HEADER + "44,UK,0.02,0,USD,2020-01-01\n"
                + "+44,UK,0.03,0,USD,2020-01-01T00:00:00Z\n"))
                .hasMessageContaining("line 3: another row has the same prefix");
    }

    @Test
    @DisplayName("INV-IN-01/04: impossible dates, other date shapes and years outside 2000..9999 are named by line")
    void cannotReadBadDates() {
        String csv = HEADER
                + "44,UK,0.02,0,USD,2020-02-30\n"              // 2 no such day
                + "45,DK,0.02,0,USD,01/01/2020\n"              // 3 not ISO
                + "46,SE,0.02,0,USD,2020-1-1\n"                // 4 not zero-padded
                + "47,NO,0.02,0,USD,1999-12-31\n"              // 5 before 2000
                + "48,DE,0.02,0,USD,+10000-01-01T00:00:00Z\n"  // 6 after 9999
                + "49,PL,0.02,0,USD,2020-01-01T00:00:00\n"     // 7 no zone
                + "30,GR,0.02,0,USD,9999-12-31\n";             // 8 fine: the last day accepted
        assertThatThrownBy(() -> RateCardCsv.parse(csv))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RATE_CARD);
                    assertThat(e.getMessage()).contains("line 2: effectiveFrom", "line 3: effectiveFrom",
                            "line 4: effectiveFrom", "line 5: effectiveFrom", "line 6: effectiveFrom",
                            "line 7: effectiveFrom").doesNotContain("line 8");
                });
    }
}
