package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call path over HTTP on the standalone application (PostgreSQL, the shared context of
 * {@link LedgerOnPostgres}) with the real credit account and licensing, every tenant set up through the
 * contract's paths as other services would: open, payment method, funds, subscriptions, usage location,
 * licenses, billing agreement. Covers every pool kind and funding path (pool only, credits only, split,
 * postpaid, denied with every reason), a rate change instant, the month roll-over (test clock), idempotent
 * replays, a 1,000-record batch, the spend limit and the usage read model's rebuild.
 */
class CallPathPostgresTest extends LedgerOnPostgres {

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
    static final String BERLIN = "+4930123456";
    private static final String LICENSES = "license_admin";
    private static final String BILLING = "billing_admin";
    private static volatile boolean ratesLoaded;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processors;

    LedgerHttp http;

    @BeforeEach
    void rateCard() {
        http = http();
        if (!ratesLoaded) {
            assertThat(putCsv("rates_admin", "/api/rate-cards/main", RATES).status()).isEqualTo(200);
            ratesLoaded = true;
        }
    }

    @Test
    @DisplayName("INV-RATE-01: an invalid rate card is rejected whole, with line numbers")
    void cannotUploadAnInvalidRateCard() {
        LedgerHttp.Answer answer = putCsv("rates_admin", "/api/rate-cards/bad", """
                prefix,destination,perMinute,connectionFee,currency,effectiveFrom
                33,France,0.0200,0.0000,USD,2020-01-01T00:00:00Z
                3x,France,0.0200,0.0000,USD,2020-01-01T00:00:00Z
                34,Spain,0.02001,0.0000,USD,yesterday
                """);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_RATE_CARD");
        assertThat(answer.json().get("detail").asText()).contains("line 3: prefix").contains("line 4: perMinute")
                .contains("line 4: effectiveFrom").doesNotContain("line 2");
        assertThat(putCsv("telephony", "/api/rate-cards/bad", RATES).status()).isEqualTo(403);
    }

    @Test
    @DisplayName("INV-CALL-08: a call the pool covers is paid by included minutes only")
    void canPayACallFromThePoolOnly() {
        String t = funded("pool", "50.00");
        user(t, "ann", "US", "TEAMS_PHONE", "CALLING_PLAN_DOMESTIC");
        JsonNode decision = authorize(t, "c1", "ann", US, "OUTBOUND");
        assertThat(decision.get("decision").asText()).isEqualTo("ALLOW");
        assertThat(decision.get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
        assertThat(decision.get("maxDurationSeconds").asLong()).isEqualTo(3_000 * 60);
        LedgerHttp.Answer done = complete(t, "c1", 125);
        assertThat(done.json().get("minutesFromPool").asLong()).as("INV-RATE-03: 125 s is 3 started minutes").isEqualTo(3);
        assertThat(done.json().get("chargedAmount").asText()).isEqualTo("0.00");
        assertThat(balance(t, done.sequence()).get("balance").asText()).isEqualTo("50.00");
    }

    @Test
    @DisplayName("INV-POOL-01: every pool kind: Domestic in and outside US/PR/CA, the International plan's two, Audio Conferencing's Zone A dial-out")
    void canPayFromEveryKindOfPool() {
        String t = opened("kinds");
        user(t, "ian", "US", "TEAMS_PHONE", "CALLING_PLAN_INTERNATIONAL");
        user(t, "meg", "GB", "AUDIO_CONFERENCING");
        user(t, "kai", "DE", "TEAMS_PHONE", "CALLING_PLAN_DOMESTIC");
        JsonNode international = authorize(t, "c1", "ian", LONDON, "OUTBOUND");
        assertThat(international.get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
        assertThat(international.get("maxDurationSeconds").asLong()).isEqualTo(600 * 60);
        assertThat(authorize(t, "c2", "ian", US, "OUTBOUND").get("maxDurationSeconds").asLong()).isEqualTo(3_000 * 60);
        JsonNode dialOut = authorize(t, "c3", "meg", BERLIN, "CONFERENCE_DIAL_OUT");
        assertThat(dialOut.get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
        assertThat(dialOut.get("maxDurationSeconds").asLong()).isEqualTo(60 * 60);
        assertThat(authorize(t, "c4", "meg", "+551123456789", "CONFERENCE_DIAL_OUT").get("reason").asText())
                .as("Brazil is outside Zone A: credits needed").isEqualTo("NO_COMMUNICATION_CREDITS_LICENSE");
        JsonNode germany = authorize(t, "c5", "kai", BERLIN, "OUTBOUND");
        assertThat(germany.get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
        assertThat(germany.get("maxDurationSeconds").asLong()).as("Domestic outside US/PR/CA").isEqualTo(1_200 * 60);
        assertThat(complete(t, "c3", 61).json().get("minutesFromPool").asLong()).isEqualTo(2);
        assertThat(complete(t, "c1", 60).json().get("minutesFromPool").asLong()).isEqualTo(1);
    }

    @Test
    @DisplayName("INV-CALL-04 INV-CALL-10: a credit call holds what the balance allows and settles the whole duration")
    void canPayACallFromCreditsOnly() {
        String t = funded("credit", "50.00");
        user(t, "bob", "GB", "TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS");
        JsonNode decision = authorize(t, "c1", "bob", LONDON, "OUTBOUND");
        assertThat(decision.get("fundedBy").asText()).isEqualTo("CREDITS");
        // 50.00 at 0.0250/min + 0.0100 fee pays 1,999 minutes; the hold is capped at 240 minutes (6.01)
        assertThat(decision.get("maxDurationSeconds").asLong()).isEqualTo(240 * 60);
        LedgerHttp.Answer done = complete(t, "c1", 61);
        // INV-RATE-04: 2 minutes x 0.0250 + 0.0100 fee once = 0.0600
        assertThat(done.json().get("chargedAmount").asText()).isEqualTo("0.06");
        assertThat(done.json().get("balance").asText()).isEqualTo("49.94");

        String small = funded("small", "50.00");
        user(small, "cy", "US", "TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS");
        drain(small, "cy", 2_495); // 49.90 of 50.00
        JsonNode decided = authorize(small, "c1", "cy", US, "OUTBOUND");
        assertThat(decided.get("maxDurationSeconds").asLong()).as("0.10 at 0.02/min").isEqualTo(5 * 60);
        JsonNode over = complete(small, "c1", 600).json();
        assertThat(over.get("chargedAmount").asText()).as("INV-CALL-10: billed past maxDurationSeconds").isEqualTo("0.20");
        assertThat(over.get("balance").asText()).isEqualTo("0.00");
    }

    @Test
    @DisplayName("INV-LIC-06: Communication Credits is assignable right after the first funding (the seats' processor is awaited)")
    void canAssignCommunicationCreditsRightAfterTheFirstFunding() {
        for (int i = 0; i < 3; i++) {
            String t = funded("seats", "50.00");
            user(t, "una", "US", "COMMUNICATION_CREDITS");
            JsonNode bulk = http.post(LICENSES, "/api/tenants/" + funded("bulkseats", "50.00") + "/licenses/bulk-assign",
                    "{\"sku\":\"COMMUNICATION_CREDITS\",\"userIds\":[\"nobody-located\"]}").json();
            assertThat(bulk.get("items").get(0).get("code").asText()).as("not NO_SEATS_AVAILABLE")
                    .isEqualTo("USAGE_LOCATION_REQUIRED");
        }
    }

    @Test
    @DisplayName("INV-CALL-04 INV-CA-10: the hold of a call never completed ends at its expiry (test clock); a late completion still bills")
    void canCallAgainOnceAnAbandonedHoldExpires() {
        String t = funded("abandon", "50.00");
        user(t, "abe", "US", "TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS");
        drain(t, "abe", 2_495); // 0.10 left: 5 minutes
        assertThat(authorize(t, "c1", "abe", US, "OUTBOUND").get("maxDurationSeconds").asLong()).isEqualTo(300);
        assertThat(authorize(t, "c2", "abe", US, "OUTBOUND").get("reason").asText()).as("all of it is held")
                .isEqualTo("INSUFFICIENT_CREDITS");
        // the hold expires 5 minutes + the 15-minute grace after the authorisation
        assertThat(http.post("operator", "/api/test-clock", "{\"advanceBy\":\"PT21M\"}").status()).isEqualTo(200);
        JsonNode again = authorize(t, "c3", "abe", US, "OUTBOUND");
        assertThat(again.get("fundedBy").asText()).isEqualTo("CREDITS");
        assertThat(again.get("maxDurationSeconds").asLong()).isEqualTo(300);
        LedgerHttp.Answer late = complete(t, "c1", 60);
        assertThat(late.status()).as(late.body()).isEqualTo(200);
        assertThat(late.json().get("chargedAmount").asText()).isEqualTo("0.02");
        assertThat(late.json().get("balance").asText()).as("c3 holds the 0.10 now: the late charge is unfunded (INV-CA-11)")
                .isEqualTo("0.10");
    }

    @Test
    @DisplayName("INV-CALL-08 INV-POOL-02 INV-POOL-05: a call spans the pool's last minutes and credits; PR pools with US")
    void canSplitACallBetweenPoolAndCredits() {
        String t = funded("split", "50.00");
        user(t, "dee", "PR", "TEAMS_PHONE", "CALLING_PLAN_DOMESTIC", "COMMUNICATION_CREDITS");
        LedgerHttp.Answer imported = http.post("telephony", "/api/tenants/" + t + "/usage",
                "[" + record("big", "dee", US, "OUTBOUND", now(), 2_990 * 60) + "]");
        assertThat(imported.json().get("items").get(0).get("minutesFromPool").asLong()).isEqualTo(2_990);
        JsonNode decision = authorize(t, "c1", "dee", US, "OUTBOUND");
        assertThat(decision.get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
        assertThat(decision.get("maxDurationSeconds").asLong()).isEqualTo(600);
        LedgerHttp.Answer done = complete(t, "c1", 900);
        assertThat(done.json().get("minutesFromPool").asLong()).isEqualTo(10);
        assertThat(done.json().get("chargedAmount").asText()).as("5 minutes x 0.02").isEqualTo("0.10");
        assertThat(done.json().get("balance").asText()).isEqualTo("49.90");
        JsonNode next = authorize(t, "c2", "dee", US, "OUTBOUND");
        assertThat(next.get("fundedBy").asText()).as("exhausted pool: credits").isEqualTo("CREDITS");

        // INV-LIC-15: eligibility follows the pool (the US pool, for a PR user); INV-POOL-05: the alerts are listed
        JsonNode eligibility = http.get(LICENSES, "/api/tenants/" + t + "/users/dee/eligibility?minSequence=" + done.sequence()).json();
        assertThat(eligibility.get("fundedBy")).extracting(JsonNode::asText).containsExactly("CREDITS");
        JsonNode notifications = http.get("finance_reader", "/api/tenants/" + t + "/notifications?minSequence=" + done.sequence()).json();
        assertThat(notifications.get("items")).extracting(n -> n.get("type").asText())
                .containsSubsequence("POOL_80_PERCENT", "POOL_100_PERCENT");

        String month = month();
        JsonNode usage = http.get("finance_reader", "/api/tenants/" + t + "/usage?month=" + month + "&minSequence="
                + done.sequence()).json();
        JsonNode pool = usage.get("items").get(0);
        assertThat(pool.get("plan").asText()).isEqualTo("DOMESTIC");
        assertThat(pool.get("country").asText()).as("INV-POOL-02: PR pools with US").isEqualTo("US");
        assertThat(pool.get("poolSizeMinutes").asLong()).isEqualTo(3_000);
        assertThat(pool.get("minutesUsed").asLong()).isEqualTo(3_000);
        assertThat(pool.get("minutesRemaining").asLong()).isZero();
        assertThat(pool.get("creditsSpent").asText()).isEqualTo("0.10");
        LedgerHttp.Answer csv = http.get("finance_reader", "/api/tenants/" + t + "/usage/records.csv?month=" + month);
        assertThat(csv.body()).startsWith("UsageId,UserId,UsageLocation,CallType").contains("c1,dee,PR,OUTBOUND," + US);
        assertThat(csv.body().lines()).hasSize(3);
        assertThat(http.get("finance_reader", "/api/tenants/" + t + "/usage?month=2026-13").code()).isEqualTo("INVALID_MONTH");
    }

    @Test
    @DisplayName("INV-CALL-09: a drained MCA account's calls are postpaid")
    void canCallPostpaidOnADrainedMcaAccount() {
        String t = funded("mca", "50.00");
        user(t, "eve", "US", "TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS");
        assertThat(http.put(BILLING, "/api/tenants/" + t + "/credit-account/auto-recharge", "{\"enabled\":false}").status())
                .isEqualTo(200);
        assertThat(http.put(BILLING, "/api/tenants/" + t + "/credit-account/billing-agreement",
                "{\"billingAgreement\":\"MCA\"}").status()).isEqualTo(200);
        assertThat(authorize(t, "c0", "eve", US, "OUTBOUND").get("fundedBy").asText())
                .as("INV-CA-13: the balance is drained first").isEqualTo("CREDITS");
        assertThat(complete(t, "c0", 60).json().get("balance").asText()).isEqualTo("49.98");
        drain(t, "eve", 2_499);
        JsonNode decision = authorize(t, "c1", "eve", US, "OUTBOUND");
        assertThat(decision.get("fundedBy").asText()).isEqualTo("POSTPAID");
        assertThat(decision.get("maxDurationSeconds").isNull()).isTrue();
        JsonNode done = complete(t, "c1", 60).json();
        assertThat(done.get("chargedAmount").asText()).isEqualTo("0.02");
        assertThat(done.get("balance").asText()).isEqualTo("0.00");
    }

    @Test
    @DisplayName("INV-CALL-02 INV-CALL-06 INV-CALL-07: denials carry every reason code of the contract; a denied call cannot complete")
    void cannotCallWithoutWhatTheCallNeeds() {
        String none = newTenant("none");
        user(none, "fay", "US", "TEAMS_PHONE", "CALLING_PLAN_PAYG");
        assertThat(authorize(none, "c1", "fay", US, "OUTBOUND").get("reason").asText()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(authorize(none, "c2", null, "+18005550100", "TOLL_FREE_INBOUND").get("reason").asText())
                .isEqualTo("ACCOUNT_NOT_FOUND");

        String t = funded("deny", "50.00");
        user(t, "nowhere", null, "TEAMS_PHONE");
        user(t, "phoneonly", "US", "TEAMS_PHONE");
        user(t, "nocredits", "US", "TEAMS_PHONE", "CALLING_PLAN_PAYG");
        user(t, "payg", "US", "TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS");
        assertThat(authorize(t, "c1", "ghost", US, "OUTBOUND").get("reason").asText()).isEqualTo("NO_CALLING_LICENSE");
        assertThat(authorize(t, "c2", "nowhere", US, "OUTBOUND").get("reason").asText()).isEqualTo("USAGE_LOCATION_REQUIRED");
        assertThat(authorize(t, "c3", "phoneonly", US, "OUTBOUND").get("reason").asText()).isEqualTo("NO_CALLING_LICENSE");
        assertThat(authorize(t, "c4", "phoneonly", US, "CONFERENCE_DIAL_OUT").get("reason").asText()).isEqualTo("NO_CALLING_LICENSE");
        assertThat(authorize(t, "c5", "nocredits", US, "OUTBOUND").get("reason").asText())
                .isEqualTo("NO_COMMUNICATION_CREDITS_LICENSE");
        assertThat(authorize(t, "c6", "payg", "+81312345678", "OUTBOUND").get("reason").asText())
                .isEqualTo("NO_RATE_FOR_DESTINATION");
        drain(t, "payg", 2_500);
        JsonNode broke = authorize(t, "c7", "payg", US, "OUTBOUND");
        assertThat(broke.get("decision").asText()).isEqualTo("DENY");
        assertThat(broke.get("fundedBy").isNull()).isTrue();
        assertThat(broke.get("reason").asText()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(authorize(t, "c8", null, "+18005550100", "TOLL_FREE_INBOUND").get("reason").asText())
                .as("INV-CALL-07: toll-free at zero balance").isEqualTo("INSUFFICIENT_CREDITS");
        // USER_SPEND_LIMIT_REACHED: cannotSpendPastAUsersMonthlyLimit

        assertThat(complete(t, "c7", 60).code()).isEqualTo("CALL_NOT_AUTHORIZED");
        assertThat(complete(t, "never", 60).code()).isEqualTo("CALL_NOT_AUTHORIZED");
        assertThat(http.post("telephony", "/api/tenants/" + t + "/calls/c9/authorize",
                "{\"userId\":\"payg\",\"destination\":\"0044123\",\"callType\":\"OUTBOUND\"}").code())
                .isEqualTo("INVALID_PHONE_NUMBER");
        assertThat(http.post("telephony", "/api/tenants/" + t + "/calls/c9/authorize",
                "{\"userId\":\"payg\",\"destination\":\"" + US + "\",\"callType\":\"SIDEWAYS\"}").code())
                .isEqualTo("INVALID_CALL_TYPE");
        assertThat(http.post("finance_reader", "/api/tenants/" + t + "/calls/c9/authorize",
                "{\"userId\":\"payg\",\"destination\":\"" + US + "\",\"callType\":\"OUTBOUND\"}").status()).isEqualTo(403);
    }

    @Test
    @DisplayName("INV-CALL-01 INV-CALL-03: repeating an authorisation or a completion answers the first and charges once")
    void canReplayACompletionWithoutChargingTwice() {
        String t = funded("replay", "50.00");
        user(t, "gus", "US", "TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS");
        JsonNode first = authorize(t, "c1", "gus", US, "OUTBOUND");
        assertThat(first.get("decision").asText()).as(first.toString()).isEqualTo("ALLOW");
        assertThat(authorize(t, "c1", "gus", US, "OUTBOUND")).isEqualTo(first);
        LedgerHttp.Answer done = complete(t, "c1", 90);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        LedgerHttp.Answer again = complete(t, "c1", 90);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(done.body());
        String body = "{\"durationSeconds\":30}";
        LedgerHttp.Answer keyed = http.post("telephony", "/api/tenants/" + t + "/calls/c1/complete", body, "k-1");
        assertThat(http.post("telephony", "/api/tenants/" + t + "/calls/c1/complete", body, "k-1").body())
                .isEqualTo(keyed.body());
        assertThat(balance(t, keyed.sequence()).get("balance").asText()).as("charged once: 2 minutes").isEqualTo("49.96");
    }

    @Test
    @DisplayName("INV-CALL-05 INV-RATE-02: a 1,000-record batch is rated record by record at its start; duplicates by call id are ignored")
    void canImportAThousandRecordBatch() {
        String t = funded("batch", "50.00");
        user(t, "hal", "US", "TEAMS_PHONE", "CALLING_PLAN_DOMESTIC", "COMMUNICATION_CREDITS");
        user(t, "ivy", "DE", "TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS");
        StringJoiner batch = new StringJoiner(",", "[", "]");
        String now = now();
        for (int i = 0; i < 997; i++) {
            batch.add(record("r" + i, "hal", US, "OUTBOUND", now, 60));
        }
        batch.add(record("r0", "hal", US, "OUTBOUND", now, 60)); // a duplicate inside the batch
        // INV-RATE-02: the German rate changes at 2026-12-01T00:00:00Z; a call is rated at its start
        batch.add(record("de-before", "ivy", BERLIN, "OUTBOUND", "2026-11-30T23:59:59.999Z", 60));
        batch.add(record("de-at", "ivy", BERLIN, "OUTBOUND", "2026-12-01T00:00:00Z", 60));
        long started = System.nanoTime();
        LedgerHttp.Answer answer = http.post("telephony", "/api/tenants/" + t + "/usage", batch.toString());
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
        JsonNode afterBatch = authorize(t, "live", "hal", US, "OUTBOUND");
        assertThat(afterBatch.get("maxDurationSeconds").asLong()).as("the pool, loaded from its snapshot, has 3,000 - 997 minutes")
                .isEqualTo(2_003 * 60);

        LedgerHttp.Answer again = http.post("telephony", "/api/tenants/" + t + "/usage",
                "[" + record("r1", "hal", US, "OUTBOUND", now, 60) + "," + record("bad", "hal", "12", "OUTBOUND", now, 60) + "]");
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(again.json().get("items").get(1).get("code").asText()).isEqualTo("INVALID_PHONE_NUMBER");
    }

    @Test
    @DisplayName("INV-POOL-03: a new month starts from a full pool (test clock)")
    void canUseAFullPoolAgainAfterTheMonthRollsOver() {
        String t = funded("month", "50.00");
        user(t, "dee", "US", "TEAMS_PHONE", "CALLING_PLAN_DOMESTIC", "COMMUNICATION_CREDITS");
        http.post("telephony", "/api/tenants/" + t + "/usage", "[" + record("all", "dee", US, "OUTBOUND", now(), 3_000 * 60) + "]");
        JsonNode exhausted = authorize(t, "c1", "dee", US, "OUTBOUND");
        assertThat(exhausted.get("fundedBy").asText()).isEqualTo("CREDITS");
        YearMonth next = YearMonth.parse(month()).plusMonths(1);
        LedgerHttp.Answer moved = http.post("operator", "/api/test-clock",
                "{\"now\":\"" + next.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC) + "\"}");
        assertThat(moved.status()).isEqualTo(200);
        JsonNode fresh = authorize(t, "c2", "dee", US, "OUTBOUND");
        assertThat(fresh.get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
        assertThat(fresh.get("maxDurationSeconds").asLong()).isEqualTo(3_000 * 60);
    }

    @Test
    @DisplayName("INV-CALL-11: a user's monthly spend limit caps the hold and then denies USER_SPEND_LIMIT_REACHED")
    void cannotSpendPastAUsersMonthlyLimit() {
        String t = funded("limit", "50.00");
        user(t, "jo", "US", "TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS");
        assertThat(http.put(BILLING, "/api/tenants/" + t + "/users/jo/spend-limit", "{\"monthlyLimit\":\"0.05\"}")
                .json().get("monthlyLimit").asText()).isEqualTo("0.05");
        assertThat(http.put(BILLING, "/api/tenants/" + newTenant("nobody") + "/users/jo/spend-limit",
                "{\"monthlyLimit\":\"1.00\"}").code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(http.put("telephony", "/api/tenants/" + t + "/users/jo/spend-limit", "{\"monthlyLimit\":\"1.00\"}")
                .status()).isEqualTo(403);
        JsonNode first = authorize(t, "c1", "jo", US, "OUTBOUND");
        assertThat(first.get("maxDurationSeconds").asLong()).as("0.05 at 0.02/min").isEqualTo(120);
        assertThat(complete(t, "c1", 120).json().get("chargedAmount").asText()).isEqualTo("0.04");
        assertThat(authorize(t, "c2", "jo", US, "OUTBOUND").get("reason").asText()).isEqualTo("USER_SPEND_LIMIT_REACHED");
        http.put(BILLING, "/api/tenants/" + t + "/users/jo/spend-limit", "{\"monthlyLimit\":null}");
        assertThat(authorize(t, "c3", "jo", US, "OUTBOUND").get("fundedBy").asText()).isEqualTo("CREDITS");
    }

    @Test
    @DisplayName("The usage read model rebuilt from the events equals the live one")
    void canRebuildTheUsageReadModel() {
        String t = funded("rebuild", "50.00");
        user(t, "lu", "US", "TEAMS_PHONE", "CALLING_PLAN_DOMESTIC", "COMMUNICATION_CREDITS");
        user(t, "mo", "GB", "TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS");
        http.post("telephony", "/api/tenants/" + t + "/usage", "[" + record("r1", "lu", US, "OUTBOUND", now(), 2_999 * 60)
                + "," + record("r2", "mo", LONDON, "OUTBOUND", now(), 61) + "]");
        authorize(t, "c1", "lu", US, "OUTBOUND");
        complete(t, "c1", 120);
        String month = month();
        long last = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        List<String> paths = List.of("/api/tenants/" + t + "/usage?month=" + month,
                "/api/tenants/" + t + "/usage/records.csv?month=" + month);
        List<String> live = paths.stream().map(p -> http.get("finance_reader", p + "&minSequence=" + last).body()).toList();
        TrackingEventProcessor processor = processors.eventProcessor("usage", TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        List<String> rebuilt = paths.stream().map(p -> http.get("finance_reader", p + "&minSequence=" + last).body()).toList();
        assertThat(rebuilt).isEqualTo(live);
        assertThat(live.get(1).lines()).hasSize(4);
    }

    @Test
    @DisplayName("INV-CA-20: a usage batch that crosses the low-balance alert raises exactly one LOW_BALANCE; a funding re-arms it (BALANCE_RECOVERED)")
    void lowBalanceAlertInABatch() {
        String t = funded("alert", "60.00");
        user(t, "kim", "DE", "TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS");
        LedgerHttp.Answer set = http.put(BILLING, "/api/tenants/" + t + "/credit-account/alerts", "{\"lowBalanceThreshold\":\"20.00\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("lowBalanceThreshold").asText()).isEqualTo("20.00");
        assertThat(http.put(BILLING, "/api/tenants/" + t + "/credit-account/alerts", "{}").json().get("code").asText())
                .isEqualTo("INVALID_REQUEST");
        assertThat(http.put(BILLING, "/api/tenants/" + t + "/credit-account/alerts", "{\"lowBalanceThreshold\":20}").json()
                .get("code").asText()).isEqualTo("INVALID_AMOUNT");
        StringJoiner batch = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 40; i++) { // 40 hour-long calls at 0.02 a minute: 1.20 each, 48.00 in all: 60.00 crosses 20.00 once
            batch.add(record("a" + i, "kim", US, "OUTBOUND", now(), 60 * 60));
        }
        LedgerHttp.Answer answer = http.post("telephony", "/api/tenants/" + t + "/usage", batch.toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        long after = Long.parseLong(answer.header("X-Event-Sequence"));
        JsonNode notifications = http.get("finance_reader", "/api/tenants/" + t + "/notifications?minSequence=" + after).json();
        assertThat(notifications.get("items").findValuesAsText("type").stream().filter("LOW_BALANCE"::equals).count())
                .as("one downward crossing, one alert: %s", notifications).isEqualTo(1);
        LedgerHttp.Answer refill = http.post(BILLING, "/api/tenants/" + t + "/credit-account/funds", "{\"amount\":\"50.00\"}");
        JsonNode later = http.get("finance_reader", "/api/tenants/" + t + "/notifications?minSequence=" + refill.header("X-Event-Sequence")).json();
        assertThat(later.get("items").findValuesAsText("type")).contains("BALANCE_RECOVERED");
    }

    // ---- setting tenants up through the contract's paths -----------------------------------------------

    private String opened(String prefix) {
        String t = newTenant(prefix);
        LedgerHttp.Answer opened = http.post(BILLING, "/api/tenants/" + t + "/credit-account",
                "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        LedgerHttp.Answer method = http.put(BILLING, "/api/tenants/" + t + "/credit-account/payment-method",
                "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}");
        assertThat(method.status()).as(method.body()).isEqualTo(200);
        return t;
    }

    private String funded(String prefix, String amount) {
        String t = opened(prefix);
        LedgerHttp.Answer funded = http.post(BILLING, "/api/tenants/" + t + "/credit-account/funds",
                "{\"amount\":\"" + amount + "\"}");
        assertThat(funded.status()).as(funded.body()).isEqualTo(201);
        return t;
    }

    /** Subscribes a seat of each SKU (Communication Credits comes with the funding), sets the location, assigns. */
    private void user(String t, String user, String country, String... skus) {
        for (String sku : skus) {
            if (!sku.equals("COMMUNICATION_CREDITS")) {
                LedgerHttp.Answer seats = http.post(LICENSES, "/api/tenants/" + t + "/subscriptions",
                        "{\"sku\":\"" + sku + "\",\"seats\":1}");
                assertThat(seats.status()).as(seats.body()).isEqualTo(201);
            }
        }
        if (country != null) {
            LedgerHttp.Answer located = http.put(LICENSES, "/api/tenants/" + t + "/users/" + user + "/usage-location",
                    "{\"country\":\"" + country + "\"}");
            assertThat(located.status()).as(located.body()).isEqualTo(200);
        }
        for (String sku : skus) {
            LedgerHttp.Answer assigned = http.post(LICENSES, "/api/tenants/" + t + "/users/" + user + "/licenses",
                    "{\"sku\":\"" + sku + "\"}");
            assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
        }
    }

    /** Spends {@code minutes} US minutes (0.02 each) of the user's credits by a batch record. */
    private void drain(String t, String user, long minutes) {
        LedgerHttp.Answer answer = http.post("telephony", "/api/tenants/" + t + "/usage",
                "[" + record("drain-" + minutes, user, US, "OUTBOUND", now(), minutes * 60) + "]");
        assertThat(answer.json().get("recorded").asInt()).as(answer.body()).isEqualTo(1);
    }

    private JsonNode balance(String t, long minSequence) {
        LedgerHttp.Answer answer = http.get("finance_reader", "/api/tenants/" + t + "/balance?minSequence=" + minSequence);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The ledger's (test) clock: other tests of the shared context may have moved it. */
    private String now() {
        return Instant.parse(http.get("operator", "/api/test-clock").json().get("now").asText()).toString();
    }

    private String month() {
        return YearMonth.from(Instant.parse(now()).atZone(ZoneOffset.UTC)).toString();
    }

    private JsonNode authorize(String tenant, String call, String user, String destination, String type) {
        String userField = user == null ? "" : "\"userId\":\"" + user + "\",";
        LedgerHttp.Answer answer = http.post("telephony", "/api/tenants/" + tenant + "/calls/" + call + "/authorize",
                "{" + userField + "\"destination\":\"" + destination + "\",\"callType\":\"" + type + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private LedgerHttp.Answer complete(String tenant, String call, long seconds) {
        return http.post("telephony", "/api/tenants/" + tenant + "/calls/" + call + "/complete",
                "{\"durationSeconds\":" + seconds + "}");
    }

    private static String record(String callId, String user, String destination, String type, String startedAt,
                                 long seconds) {
        return "{\"callId\":\"" + callId + "\",\"userId\":\"" + user + "\",\"destination\":\"" + destination
                + "\",\"callType\":\"" + type + "\",\"startedAt\":\"" + startedAt + "\",\"durationSeconds\":" + seconds + "}";
    }

    private LedgerHttp.Answer putCsv(String user, String path, String csv) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return new LedgerHttp.Answer(response.statusCode(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
