package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INV-API-09 for the one non-JSON command path: a hostile rate-card upload is rejected whole with a 4xx
 * problem (never a 5xx) and stores no rate-card event. Dates and prefixes as INV-IN-01 reads them are valid;
 * their impossible or out-of-range forms are among the hostile rows.
 */
class HostileRateCardTest extends LedgerOnPostgres {

    private static final String HEADER = "prefix,destination,perMinute,connectionFee,currency,effectiveFrom\n";
    private static final String GOOD = "44,United Kingdom,0.0200,0.0000,USD,2026-01-01T00:00:00Z\n";

    @Autowired
    JdbcTemplate jdbc;

    @TestFactory
    @DisplayName("INV-API-09: hostile rate-card uploads are 4xx problems and store nothing")
    Stream<DynamicTest> hostileUploads() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("empty", "");
        bodies.put("header only", HEADER);
        bodies.put("no header", GOOD);
        bodies.put("wrong header", "a,b,c\n1,2,3\n");
        bodies.put("negative rate", HEADER + "44,UK,-0.0200,0.0000,USD,2026-01-01T00:00:00Z\n");
        bodies.put("five decimals", HEADER + "44,UK,0.02001,0.0000,USD,2026-01-01T00:00:00Z\n");
        bodies.put("enormous rate", HEADER + "44,UK,99999999999999999999,0.0000,USD,2026-01-01T00:00:00Z\n");
        bodies.put("unknown currency", HEADER + "44,UK,0.0200,0.0000,XYZ,2026-01-01T00:00:00Z\n");
        bodies.put("bad instant", HEADER + "44,UK,0.0200,0.0000,USD,yesterday\n");
        bodies.put("impossible date", HEADER + "44,UK,0.0200,0.0000,USD,2026-02-30\n");
        bodies.put("date before 2000", HEADER + "44,UK,0.0200,0.0000,USD,1999-12-31\n");
        bodies.put("instant after 9999", HEADER + "44,UK,0.0200,0.0000,USD,+10000-01-01T00:00:00Z\n");
        bodies.put("44 and +44 on one day", HEADER + "44,UK,0.0200,0.0000,USD,2026-01-01\n+44,UK,0.0300,0.0000,USD,2026-01-01T00:00:00Z\n");
        bodies.put("letters in prefix", HEADER + "4a4,UK,0.0200,0.0000,USD,2026-01-01T00:00:00Z\n");
        bodies.put("prefix too long", HEADER + "1".repeat(40) + ",UK,0.0200,0.0000,USD,2026-01-01T00:00:00Z\n");
        bodies.put("missing column", HEADER + "44,UK,0.0200,USD,2026-01-01T00:00:00Z\n");
        bodies.put("extra column", HEADER + "44,UK,0.0200,0.0000,USD,2026-01-01T00:00:00Z,x\n");
        bodies.put("one good one bad", HEADER + GOOD + "33,France,abc,0.0000,EUR,2026-01-01T00:00:00Z\n");
        bodies.put("SQL in destination", HEADER + "44,'); DROP TABLE domain_event_entry; --,abc,0.0000,USD,2026-01-01T00:00:00Z\n");
        bodies.put("binary junk", "\u0000\u0001\u0002\u00ff\ufffe");
        bodies.put("unterminated quote", HEADER + "44,\"United Kingdom,0.0200,0.0000,USD,2026-01-01T00:00:00Z\n");
        return bodies.entrySet().stream().map(body -> DynamicTest.dynamicTest(body.getKey(), () -> {
            String id = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
            LedgerHttp.Answer answer = http().sendRaw("rates_admin", "PUT", "/api/rate-cards/" + id, "text/csv", body.getValue());
            assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.code()).isNotBlank();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    Long.class, "rate-cards/" + id)).isZero();
        }));
    }

    @TestFactory
    @DisplayName("INV-API-09: a rate card sent as JSON is 415")
    Stream<DynamicTest> wrongContentType() {
        return Stream.of(DynamicTest.dynamicTest("application/json", () -> {
            LedgerHttp.Answer answer = http().sendRaw("rates_admin", "PUT", "/api/rate-cards/hostile-json", "application/json",
                    "{\"prefix\":\"44\"}");
            assertThat(answer.status()).isEqualTo(415);
            assertThat(answer.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        }));
    }
}
