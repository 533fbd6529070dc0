package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call path over HTTP on the standalone application (H2), with the credit account and licensing
 * answered by {@link CreditAndLicensingStubs}: every funding path (pool only, credits only, split,
 * postpaid, denied), idempotent replays, a 1,000-record batch, a rate change instant, the usage read model
 * and the month roll-over of pools by the test clock.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallPathTest {

    static final String RATES = """
            prefix,destination,perMinute,connectionFee,currency,effectiveFrom
            1,United States,0.0200,0.0000,USD,2020-01-01T00:00:00Z
            1800,United States toll-free,0.0500,0.0000,USD,2020-01-01T00:00:00Z
            44,United Kingdom,0.0300,0.0100,USD,2020-01-01T00:00:00Z
            4420,United Kingdom London,0.0250,0.0100,USD,2020-01-01T00:00:00Z
            49,Germany,0.0400,0.0000,USD,2020-01-01T00:00:00Z
            49,Germany,0.0800,0.0000,USD,2026-12-01T00:00:00Z
            """;
    static final String US = "+12025550100";
    static final String LONDON = "+442071234567";

    static RunningLedger ledger;
    static LedgerHttp http;
    static CreditAndLicensingStubs stubs;

    @BeforeAll
    static void start() {
        ledger = RunningLedger.start(CallTestApplication.class, H2TestDatabase.memoryUrl("calls"), "sa");
        http = ledger.http();
        stubs = ledger.bean(CreditAndLicensingStubs.class);
        assertThat(putCsv(ledger.port(), "rates_admin", "/api/rate-cards/main", RATES).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    @Test
    @Order(1)
    @DisplayName("INV-RATE-01: an invalid rate card is rejected whole, with line numbers")
    void cannotUploadAnInvalidRateCard() {
        LedgerHttp.Answer answer = putCsv(ledger.port(), "rates_admin", "/api/rate-cards/bad", """
                prefix,destination,perMinute,connectionFee,currency,effectiveFrom
                33,France,0.0200,0.0000,USD,2020-01-01T00:00:00Z
                3x,France,0.0200,0.0000,USD,2020-01-01T00:00:00Z
                34,Spain,0.02001,0.0000,USD,yesterday
                """);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_RATE_CARD");
        assertThat(answer.json().get("detail").asText()).contains("line 3: prefix").contains("line 4: perMinute")
                .contains("line 4: effectiveFrom").doesNotContain("line 2");
        assertThat(putCsv(ledger.port(), "telephony", "/api/rate-cards/bad", RATES).status()).isEqualTo(403);
    }

    @Test
    @Order(2)
    @DisplayName("INV-CALL-08: a call the pool covers is paid by included minutes only")
    void canPayACallFromThePoolOnly() {
        stubs.open("t-pool", BillingAgreement.DIRECT, 10_000);
        stubs.user("t-pool", "ann", "US", Sku.CALLING_PLAN_DOMESTIC, Sku.TEAMS_PHONE);
        JsonNode decision = authorize("t-pool", "c1", "ann", US, "OUTBOUND");
        assertThat(decision.get("decision").asText()).isEqualTo("ALLOW");
        assertThat(decision.get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
        assertThat(decision.get("maxDurationSeconds").asLong()).isEqualTo(3_000 * 60);
        JsonNode done = complete("t-pool", "c1", 125).json();
        assertThat(done.get("minutesFromPool").asLong()).as("INV-RATE-03: 125 s is 3 started minutes").isEqualTo(3);
        assertThat(done.get("chargedAmount").asText()).isEqualTo("0.00");
        assertThat(stubs.balance("t-pool")).isEqualTo(10_000);
    }

    @Test
    @Order(2)
    @DisplayName("INV-POOL-01: the International plan's two pools and Audio Conferencing's Zone A dial-out pool")
    void canPayFromEveryKindOfPool() {
        stubs.open("t-kinds", BillingAgreement.DIRECT, 0);
        stubs.user("t-kinds", "ian", "US", Sku.CALLING_PLAN_INTERNATIONAL);
        stubs.user("t-kinds", "meg", "GB", Sku.AUDIO_CONFERENCING);
        JsonNode international = authorize("t-kinds", "c1", "ian", LONDON, "OUTBOUND");
        assertThat(international.get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
        assertThat(international.get("maxDurationSeconds").asLong()).isEqualTo(600 * 60);
        assertThat(authorize("t-kinds", "c2", "ian", US, "OUTBOUND").get("maxDurationSeconds").asLong())
                .isEqualTo(3_000 * 60);
        JsonNode dialOut = authorize("t-kinds", "c3", "meg", "+4930123456", "CONFERENCE_DIAL_OUT");
        assertThat(dialOut.get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
        assertThat(dialOut.get("maxDurationSeconds").asLong()).isEqualTo(60 * 60);
        assertThat(authorize("t-kinds", "c4", "meg", "+551123456789", "CONFERENCE_DIAL_OUT").get("reason").asText())
                .as("Brazil is outside Zone A: credits needed").isEqualTo("NO_COMMUNICATION_CREDITS_LICENSE");
        assertThat(complete("t-kinds", "c3", 61).json().get("minutesFromPool").asLong()).isEqualTo(2);
    }

    @Test
    @Order(3)
    @DisplayName("INV-CALL-04: a credit call holds what the balance allows and settles the whole duration")
    void canPayACallFromCreditsOnly() {
        stubs.open("t-credit", BillingAgreement.DIRECT, 1_000);
        stubs.user("t-credit", "bob", "GB", Sku.CALLING_PLAN_PAYG, Sku.COMMUNICATION_CREDITS);
        JsonNode decision = authorize("t-credit", "c1", "bob", LONDON, "OUTBOUND");
        assertThat(decision.get("fundedBy").asText()).isEqualTo("CREDITS");
        // 10.00 at 0.0250/min + 0.0100 fee pays 399 minutes; the hold is capped at 240 minutes
        assertThat(decision.get("maxDurationSeconds").asLong()).isEqualTo(240 * 60);
        assertThat(stubs.held("t-credit")).isEqualTo(601);
        JsonNode done = complete("t-credit", "c1", 61).json();
        // INV-RATE-04: 2 minutes x 0.0250 + 0.0100 fee once = 0.0600
        assertThat(done.get("chargedAmount").asText()).isEqualTo("0.06");
        assertThat(done.get("balance").asText()).isEqualTo("9.94");
        assertThat(stubs.held("t-credit")).isZero();

        stubs.open("t-small", BillingAgreement.DIRECT, 10);
        stubs.user("t-small", "cy", "US", Sku.CALLING_PLAN_PAYG, Sku.COMMUNICATION_CREDITS);
        JsonNode small = authorize("t-small", "c1", "cy", US, "OUTBOUND");
        assertThat(small.get("maxDurationSeconds").asLong()).as("0.10 at 0.02/min").isEqualTo(5 * 60);
        JsonNode over = complete("t-small", "c1", 600).json();
        assertThat(over.get("chargedAmount").asText()).as("INV-CALL-10: billed past maxDurationSeconds").isEqualTo("0.20");
        assertThat(over.get("balance").asText()).isEqualTo("0.00");
    }

    @Test
    @Order(4)
    @DisplayName("INV-CALL-08: a call spans the pool's last minutes and credits; the pool alerts at 80% and 100%")
    void canSplitACallBetweenPoolAndCredits() {
        stubs.open("t-split", BillingAgreement.DIRECT, 5_000);
        stubs.user("t-split", "dee", "PR", Sku.CALLING_PLAN_DOMESTIC, Sku.COMMUNICATION_CREDITS);
        String started = Instant.now().toString();
        LedgerHttp.Answer imported = http.post("telephony", "/api/tenants/t-split/usage",
                "[" + record("big", "dee", US, "OUTBOUND", started, 2_990 * 60) + "]");
        assertThat(imported.json().get("items").get(0).get("minutesFromPool").asLong()).isEqualTo(2_990);
        JsonNode decision = authorize("t-split", "c1", "dee", US, "OUTBOUND");
        assertThat(decision.get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
        assertThat(decision.get("maxDurationSeconds").asLong()).isEqualTo(600);
        LedgerHttp.Answer done = complete("t-split", "c1", 900);
        assertThat(done.json().get("minutesFromPool").asLong()).isEqualTo(10);
        assertThat(done.json().get("chargedAmount").asText()).as("5 minutes x 0.02").isEqualTo("0.10");
        JsonNode next = authorize("t-split", "c2", "dee", US, "OUTBOUND");
        assertThat(next.get("fundedBy").asText()).as("exhausted pool: credits").isEqualTo("CREDITS");

        String month = YearMonth.now(ZoneOffset.UTC).toString();
        JsonNode usage = http.get("finance_reader", "/api/tenants/t-split/usage?month=" + month + "&minSequence="
                + done.sequence()).json();
        JsonNode pool = usage.get("items").get(0);
        assertThat(pool.get("plan").asText()).isEqualTo("DOMESTIC");
        assertThat(pool.get("country").asText()).as("INV-POOL-02: PR pools with US").isEqualTo("US");
        assertThat(pool.get("poolSizeMinutes").asLong()).isEqualTo(3_000);
        assertThat(pool.get("minutesUsed").asLong()).isEqualTo(3_000);
        assertThat(pool.get("minutesRemaining").asLong()).isZero();
        assertThat(pool.get("creditsSpent").asText()).isEqualTo("0.10");
        LedgerHttp.Answer csv = http.get("finance_reader", "/api/tenants/t-split/usage/records.csv?month=" + month);
        assertThat(csv.body()).startsWith("UsageId,UserId,UsageLocation,CallType").contains("c1,dee,PR,OUTBOUND," + US);
        assertThat(csv.body().lines()).hasSize(3);
        assertThat(http.get("finance_reader", "/api/tenants/t-split/usage?month=2026-13").code()).isEqualTo("INVALID_MONTH");
    }

    @Test
    @Order(5)
    @DisplayName("INV-CALL-09: a drained MCA account's calls are postpaid")
    void canCallPostpaidOnADrainedMcaAccount() {
        stubs.open("t-mca", BillingAgreement.MCA, 0);
        stubs.user("t-mca", "eve", "US", Sku.CALLING_PLAN_PAYG, Sku.COMMUNICATION_CREDITS);
        JsonNode decision = authorize("t-mca", "c1", "eve", US, "OUTBOUND");
        assertThat(decision.get("fundedBy").asText()).isEqualTo("POSTPAID");
        assertThat(decision.get("maxDurationSeconds").isNull()).isTrue();
        JsonNode done = complete("t-mca", "c1", 60).json();
        assertThat(done.get("chargedAmount").asText()).isEqualTo("0.02");
        assertThat(done.get("balance").asText()).isEqualTo("0.00");
    }

    @Test
    @Order(6)
    @DisplayName("INV-CALL-06/07: denials carry the contract's reason codes; a denied call cannot complete")
    void cannotCallWithoutWhatTheCallNeeds() {
        stubs.user("t-none", "fay", "US", Sku.CALLING_PLAN_PAYG, Sku.COMMUNICATION_CREDITS);
        assertThat(authorize("t-none", "c1", "fay", US, "OUTBOUND").get("reason").asText()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(authorize("t-none", "c2", null, "+18005550100", "TOLL_FREE_INBOUND").get("reason").asText())
                .isEqualTo("ACCOUNT_NOT_FOUND");

        stubs.open("t-deny", BillingAgreement.DIRECT, 0);
        stubs.user("t-deny", "nowhere", null, Sku.CALLING_PLAN_PAYG);
        stubs.user("t-deny", "phoneonly", "US", Sku.TEAMS_PHONE);
        stubs.user("t-deny", "nocredits", "US", Sku.CALLING_PLAN_PAYG);
        stubs.user("t-deny", "payg", "US", Sku.CALLING_PLAN_PAYG, Sku.COMMUNICATION_CREDITS);
        assertThat(authorize("t-deny", "c1", "ghost", US, "OUTBOUND").get("reason").asText()).isEqualTo("NO_CALLING_LICENSE");
        assertThat(authorize("t-deny", "c2", "nowhere", US, "OUTBOUND").get("reason").asText()).isEqualTo("USAGE_LOCATION_REQUIRED");
        assertThat(authorize("t-deny", "c3", "phoneonly", US, "OUTBOUND").get("reason").asText()).isEqualTo("NO_CALLING_LICENSE");
        assertThat(authorize("t-deny", "c4", "phoneonly", US, "CONFERENCE_DIAL_OUT").get("reason").asText()).isEqualTo("NO_CALLING_LICENSE");
        assertThat(authorize("t-deny", "c5", "nocredits", US, "OUTBOUND").get("reason").asText())
                .isEqualTo("NO_COMMUNICATION_CREDITS_LICENSE");
        assertThat(authorize("t-deny", "c6", "payg", "+81312345678", "OUTBOUND").get("reason").asText())
                .isEqualTo("NO_RATE_FOR_DESTINATION");
        JsonNode broke = authorize("t-deny", "c7", "payg", US, "OUTBOUND");
        assertThat(broke.get("decision").asText()).isEqualTo("DENY");
        assertThat(broke.get("fundedBy").isNull()).isTrue();
        assertThat(broke.get("reason").asText()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(authorize("t-deny", "c8", null, "+18005550100", "TOLL_FREE_INBOUND").get("reason").asText())
                .as("INV-CALL-07: toll-free at zero balance").isEqualTo("INSUFFICIENT_CREDITS");

        assertThat(complete("t-deny", "c7", 60).code()).isEqualTo("CALL_NOT_AUTHORIZED");
        assertThat(complete("t-deny", "never", 60).code()).isEqualTo("CALL_NOT_AUTHORIZED");
        assertThat(http.post("telephony", "/api/tenants/t-deny/calls/c9/authorize",
                "{\"userId\":\"payg\",\"destination\":\"0044123\",\"callType\":\"OUTBOUND\"}").code())
                .isEqualTo("INVALID_PHONE_NUMBER");
        assertThat(http.post("telephony", "/api/tenants/t-deny/calls/c9/authorize",
                "{\"userId\":\"payg\",\"destination\":\"" + US + "\",\"callType\":\"SIDEWAYS\"}").code())
                .isEqualTo("INVALID_CALL_TYPE");
        assertThat(http.post("finance_reader", "/api/tenants/t-deny/calls/c9/authorize",
                "{\"userId\":\"payg\",\"destination\":\"" + US + "\",\"callType\":\"OUTBOUND\"}").status()).isEqualTo(403);
    }

    @Test
    @Order(7)
    @DisplayName("INV-CALL-01/03: repeating an authorisation or a completion answers the first and charges once")
    void canReplayACompletionWithoutChargingTwice() {
        stubs.open("t-replay", BillingAgreement.DIRECT, 1_000);
        stubs.user("t-replay", "gus", "US", Sku.CALLING_PLAN_PAYG, Sku.COMMUNICATION_CREDITS);
        JsonNode first = authorize("t-replay", "c1", "gus", US, "OUTBOUND");
        assertThat(authorize("t-replay", "c1", "gus", US, "OUTBOUND")).isEqualTo(first);
        LedgerHttp.Answer done = complete("t-replay", "c1", 90);
        LedgerHttp.Answer again = complete("t-replay", "c1", 90);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(done.body());
        assertThat(stubs.charges("t-replay")).isEqualTo(1);
        assertThat(stubs.balance("t-replay")).isEqualTo(996);
        String body = "{\"durationSeconds\":30}";
        LedgerHttp.Answer keyed = http.post("telephony", "/api/tenants/t-replay/calls/c1/complete", body, "k-1");
        assertThat(http.post("telephony", "/api/tenants/t-replay/calls/c1/complete", body, "k-1").body())
                .isEqualTo(keyed.body());
    }

    @Test
    @Order(8)
    @DisplayName("INV-CALL-05: a 1,000-record batch is rated record by record; duplicates by call id are ignored")
    void canImportAThousandRecordBatch() {
        stubs.open("t-batch", BillingAgreement.DIRECT, 100_000);
        stubs.user("t-batch", "hal", "US", Sku.CALLING_PLAN_DOMESTIC, Sku.COMMUNICATION_CREDITS);
        stubs.user("t-batch", "ivy", "DE", Sku.CALLING_PLAN_PAYG, Sku.COMMUNICATION_CREDITS);
        StringJoiner batch = new StringJoiner(",", "[", "]");
        String now = Instant.now().toString();
        for (int i = 0; i < 997; i++) {
            batch.add(record("r" + i, "hal", US, "OUTBOUND", now, 60));
        }
        batch.add(record("r0", "hal", US, "OUTBOUND", now, 60)); // a duplicate inside the batch
        // INV-RATE-02: the German rate changes at 2026-12-01T00:00:00Z; a call is rated at its start
        batch.add(record("de-before", "ivy", "+4930123456", "OUTBOUND", "2026-11-30T23:59:59.999Z", 60));
        batch.add(record("de-at", "ivy", "+4930123456", "OUTBOUND", "2026-12-01T00:00:00Z", 60));
        long started = System.nanoTime();
        LedgerHttp.Answer answer = http.post("telephony", "/api/tenants/t-batch/usage", batch.toString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(answer.status()).isEqualTo(200);
        JsonNode result = answer.json();
        assertThat(result.get("items")).hasSize(1_000);
        assertThat(result.get("recorded").asInt()).isEqualTo(999);
        assertThat(result.get("duplicates").asInt()).isEqualTo(1);
        assertThat(result.get("items").get(997).get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(result.get("items").get(998).get("chargedAmount").asText()).isEqualTo("0.04");
        assertThat(result.get("items").get(999).get("chargedAmount").asText()).isEqualTo("0.08");
        System.out.println("1,000-record batch answered in " + millis + " ms");
        JsonNode afterBatch = authorize("t-batch", "live", "hal", US, "OUTBOUND");
        assertThat(afterBatch.get("maxDurationSeconds").asLong()).as("the pool, loaded from its snapshot, has 3,000 - 997 minutes")
                .isEqualTo(2_003 * 60);

        LedgerHttp.Answer again = http.post("telephony", "/api/tenants/t-batch/usage",
                "[" + record("r1", "hal", US, "OUTBOUND", now, 60) + "," + record("bad", "hal", "12", "OUTBOUND", now, 60) + "]");
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(again.json().get("items").get(1).get("code").asText()).isEqualTo("INVALID_PHONE_NUMBER");
    }

    @Test
    @Order(9)
    @DisplayName("INV-POOL-03: a new month starts from a full pool (test clock)")
    void canUseAFullPoolAgainAfterTheMonthRollsOver() {
        JsonNode exhausted = authorize("t-split", "c3", "dee", US, "OUTBOUND");
        assertThat(exhausted.get("fundedBy").asText()).isEqualTo("CREDITS");
        YearMonth next = YearMonth.now(ZoneOffset.UTC).plusMonths(1);
        LedgerHttp.Answer moved = http.post("operator", "/api/test-clock",
                "{\"now\":\"" + next.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC) + "\"}");
        assertThat(moved.status()).isEqualTo(200);
        JsonNode fresh = authorize("t-split", "c4", "dee", US, "OUTBOUND");
        assertThat(fresh.get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
        assertThat(fresh.get("maxDurationSeconds").asLong()).isEqualTo(3_000 * 60);
    }

    @Test
    @Order(10)
    @DisplayName("INV-CALL-11: a user's monthly spend limit caps the hold and then denies USER_SPEND_LIMIT_REACHED")
    void cannotSpendPastAUsersMonthlyLimit() {
        stubs.open("t-limit", BillingAgreement.DIRECT, 1_000);
        stubs.user("t-limit", "jo", "US", Sku.CALLING_PLAN_PAYG, Sku.COMMUNICATION_CREDITS);
        assertThat(http.put("billing_admin", "/api/tenants/t-limit/users/jo/spend-limit", "{\"monthlyLimit\":\"0.05\"}")
                .json().get("monthlyLimit").asText()).isEqualTo("0.05");
        assertThat(http.put("billing_admin", "/api/tenants/t-nobody/users/jo/spend-limit", "{\"monthlyLimit\":\"1.00\"}")
                .code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(http.put("telephony", "/api/tenants/t-limit/users/jo/spend-limit", "{\"monthlyLimit\":\"1.00\"}")
                .status()).isEqualTo(403);
        JsonNode first = authorize("t-limit", "c1", "jo", US, "OUTBOUND");
        assertThat(first.get("maxDurationSeconds").asLong()).as("0.05 at 0.02/min").isEqualTo(120);
        assertThat(complete("t-limit", "c1", 120).json().get("chargedAmount").asText()).isEqualTo("0.04");
        assertThat(authorize("t-limit", "c2", "jo", US, "OUTBOUND").get("reason").asText())
                .isEqualTo("USER_SPEND_LIMIT_REACHED");
        http.put("billing_admin", "/api/tenants/t-limit/users/jo/spend-limit", "{\"monthlyLimit\":null}");
        assertThat(authorize("t-limit", "c3", "jo", US, "OUTBOUND").get("fundedBy").asText()).isEqualTo("CREDITS");
    }

    @Test
    @Order(11)
    @DisplayName("The usage read model rebuilt from the events equals the live one")
    void canRebuildTheUsageReadModel() throws Exception {
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        String nextMonth = YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();
        long last = ledger.bean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        List<String> paths = List.of("/api/tenants/t-split/usage?month=" + month,
                "/api/tenants/t-batch/usage?month=" + month, "/api/tenants/t-split/usage/records.csv?month=" + month,
                "/api/tenants/t-limit/usage/records.csv?month=" + nextMonth);
        List<String> live = paths.stream().map(p -> http.get("finance_reader", p + "&minSequence=" + last).body()).toList();
        var processor = ledger.bean(org.axonframework.config.EventProcessingConfiguration.class)
                .eventProcessor("usage", org.axonframework.eventhandling.TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        List<String> rebuilt = paths.stream().map(p -> http.get("finance_reader", p + "&minSequence=" + last).body()).toList();
        assertThat(rebuilt).isEqualTo(live);
        assertThat(live.get(2).lines()).hasSize(3);
    }

    private static JsonNode authorize(String tenant, String call, String user, String destination, String type) {
        String userField = user == null ? "" : "\"userId\":\"" + user + "\",";
        LedgerHttp.Answer answer = http.post("telephony", "/api/tenants/" + tenant + "/calls/" + call + "/authorize",
                "{" + userField + "\"destination\":\"" + destination + "\",\"callType\":\"" + type + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static LedgerHttp.Answer complete(String tenant, String call, long seconds) {
        return http.post("telephony", "/api/tenants/" + tenant + "/calls/" + call + "/complete",
                "{\"durationSeconds\":" + seconds + "}");
    }

    private static String record(String callId, String user, String destination, String type, String startedAt,
                                 long seconds) {
        return "{\"callId\":\"" + callId + "\",\"userId\":\"" + user + "\",\"destination\":\"" + destination
                + "\",\"callType\":\"" + type + "\",\"startedAt\":\"" + startedAt + "\",\"durationSeconds\":" + seconds + "}";
    }

    static LedgerHttp.Answer putCsv(int port, String user, String path, String csv) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)).build();
        return send(request);
    }

    private static LedgerHttp.Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return new LedgerHttp.Answer(response.statusCode(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
