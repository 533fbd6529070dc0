package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call path's storage on PostgreSQL: the rate rows table, pools, calls, the usage read model's MERGE
 * statements and the pool snapshot, in one short journey (the full journey runs on H2 in {@link CallPathTest}).
 */
class CallPathPostgresTest {

    @Test
    void canRateChargeAndReportCallsOnPostgres() {
        PostgresTestDatabase database = PostgresTestDatabase.create("calls");
        try (RunningLedger ledger = RunningLedger.start(CallTestApplication.class, database.url(), database.user(),
                "LEDGER_SNAPSHOT_THRESHOLD=2")) {
            LedgerHttp http = ledger.http();
            assertThat(CallPathTest.putCsv(ledger.port(), "rates_admin", "/api/rate-cards/main", CallPathTest.RATES).status()).isEqualTo(200);
            CreditAndLicensingStubs stubs = ledger.bean(CreditAndLicensingStubs.class);
            stubs.open("pg", BillingAgreement.DIRECT, 1_000);
            stubs.user("pg", "ann", "US", Sku.CALLING_PLAN_DOMESTIC, Sku.COMMUNICATION_CREDITS);
            String now = Instant.now().toString();
            String batch = "[" + record("b1", now, 2_999 * 60) + "," + record("b2", now, 60) + "," + record("b1", now, 60) + "]";
            LedgerHttp.Answer importedAnswer = http.post("telephony", "/api/tenants/pg/usage", batch);
            assertThat(importedAnswer.header("X-Event-Sequence")).isNotNull();
            JsonNode imported = importedAnswer.json();
            assertThat(imported.get("recorded").asInt()).isEqualTo(2);
            assertThat(imported.get("duplicates").asInt()).isEqualTo(1);

            LedgerHttp.Answer authorized = http.post("telephony", "/api/tenants/pg/calls/c1/authorize",
                    "{\"userId\":\"ann\",\"destination\":\"" + CallPathTest.US + "\",\"callType\":\"OUTBOUND\"}");
            assertThat(authorized.json().get("fundedBy").asText()).as("pool loaded from its snapshot").isEqualTo("CREDITS");
            LedgerHttp.Answer done = http.post("telephony", "/api/tenants/pg/calls/c1/complete", "{\"durationSeconds\":61}");
            assertThat(done.json().get("chargedAmount").asText()).isEqualTo("0.04");

            String month = YearMonth.now(ZoneOffset.UTC).toString();
            JsonNode usage = http.get("finance_reader", "/api/tenants/pg/usage?month=" + month + "&minSequence="
                    + done.sequence()).json();
            assertThat(usage.get("items").get(0).get("minutesUsed").asLong()).isEqualTo(3_000);
            assertThat(usage.get("creditsSpent").get("USD").asText()).isEqualTo("0.04");
            assertThat(http.get("finance_reader", "/api/tenants/pg/usage/records.csv?month=" + month).body().lines())
                    .hasSize(4);
        } finally {
            database.drop();
        }
    }

    private static String record(String callId, String startedAt, long seconds) {
        return "{\"callId\":\"" + callId + "\",\"userId\":\"ann\",\"destination\":\"" + CallPathTest.US
                + "\",\"callType\":\"OUTBOUND\",\"startedAt\":\"" + startedAt + "\",\"durationSeconds\":" + seconds + "}";
    }
}
