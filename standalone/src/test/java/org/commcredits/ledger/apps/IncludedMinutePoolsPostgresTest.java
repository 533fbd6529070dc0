package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Included-minute pools over HTTP on PostgreSQL (the shared context of {@link LedgerOnPostgres}): a pool is
 * sized by every license holder of the plan in its country, not only the users who call (INV-POOL-01), US
 * and PR share one pool (INV-POOL-02), and a tenant's pool months follow its time zone (INV-POOL-06).
 * Tenants are set up through the contract's paths, in bulk as a provisioning service would.
 */
class IncludedMinutePoolsPostgresTest extends LedgerOnPostgres {

    private static final String LICENSES = "license_admin";
    private static final String US_NUMBER = "+12025550100";
    private static final String TORONTO = "+14163922489";

    LedgerHttp http;

    @BeforeEach
    void client() {
        http = http();
    }

    @Test
    @DisplayName("INV-POOL-01 INV-POOL-02: 10 Domestic holders in US and PR, one caller: a 30,000-minute pool; CA has its own; it never shrinks")
    void canSizeThePoolForEveryLicenseHolder() {
        String t = newTenant("holders");
        List<String> us = ids("us", 8);
        List<String> pr = ids("pr", 2);
        seats(t, "TEAMS_PHONE", 13);
        seats(t, "CALLING_PLAN_DOMESTIC", 13);
        locate(t, "US", us);
        locate(t, "PR", pr);
        locate(t, "CA", List.of("ca01"));
        List<String> everyone = new ArrayList<>(us);
        everyone.addAll(pr);
        everyone.add("ca01");
        assign(t, "TEAMS_PHONE", everyone);
        assign(t, "CALLING_PLAN_DOMESTIC", everyone);

        JsonNode first = authorize(t, "c1", "us01", US_NUMBER);
        assertThat(first.get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
        assertThat(first.get("maxDurationSeconds").asLong()).as("10 holders x 3,000 minutes, though one calls")
                .isEqualTo(30_000 * 60);
        assertThat(complete(t, "c1", 125).json().get("minutesFromPool").asLong()).isEqualTo(3);
        assertThat(authorize(t, "c2", "pr01", US_NUMBER).get("maxDurationSeconds").asLong())
                .as("INV-POOL-02: a PR user draws from the same US pool").isEqualTo(29_997 * 60);
        assertThat(authorize(t, "c3", "ca01", TORONTO).get("maxDurationSeconds").asLong())
                .as("a CA user has a pool of their own: one holder").isEqualTo(3_000 * 60);

        // A license removed mid-month leaves the pool as it is; a new holder grows it past its peak only.
        assertThat(http.delete(LICENSES, "/api/tenants/" + t + "/users/us08/licenses/CALLING_PLAN_DOMESTIC").status())
                .isEqualTo(204);
        assertThat(authorize(t, "c4", "us02", US_NUMBER).get("maxDurationSeconds").asLong())
                .as("never shrinks within the month").isEqualTo(29_997 * 60);
        locate(t, "US", List.of("us09", "us10"));
        assign(t, "TEAMS_PHONE", List.of("us09", "us10"));
        assign(t, "CALLING_PLAN_DOMESTIC", List.of("us09"));
        assertThat(authorize(t, "c5", "us09", US_NUMBER).get("maxDurationSeconds").asLong())
                .as("back to 10 holders: the peak, no growth").isEqualTo(29_997 * 60);
        assign(t, "CALLING_PLAN_DOMESTIC", List.of("us10"));
        LedgerHttp.Answer grown = http.post("telephony", "/api/tenants/" + t + "/calls/c6/authorize",
                "{\"userId\":\"us10\",\"destination\":\"" + US_NUMBER + "\",\"callType\":\"OUTBOUND\"}");
        assertThat(grown.json().get("maxDurationSeconds").asLong()).as("11 holders").isEqualTo(32_997 * 60);

        JsonNode usage = http.get("finance_reader", "/api/tenants/" + t + "/usage?month=" + month() + "&minSequence="
                + grown.sequence()).json();
        assertThat(pool(usage, "DOMESTIC", "US").get("poolSizeMinutes").asLong()).isEqualTo(33_000);
        assertThat(pool(usage, "DOMESTIC", "US").get("holders").asLong()).isEqualTo(11);
        assertThat(pool(usage, "DOMESTIC", "US").get("members").asLong())
                .as("the field's earlier name is still answered, with the same value").isEqualTo(11);
        assertThat(pool(usage, "DOMESTIC", "US").get("minutesUsed").asLong()).isEqualTo(3);
        assertThat(pool(usage, "DOMESTIC", "CA").get("poolSizeMinutes").asLong()).isEqualTo(3_000);
        assertThat(pool(usage, "DOMESTIC", "CA").get("holders").asLong()).isEqualTo(1);
    }

    @Test
    @DisplayName("INV-POOL-06: a Los Angeles tenant's call at 2026-12-01T05:00Z counts in November's pool, at 08:30Z in December's")
    void canCountPoolMonthsInTheTenantsTimeZone() {
        String t = newTenant("zone");
        seats(t, "TEAMS_PHONE", 1);
        seats(t, "CALLING_PLAN_DOMESTIC", 1);
        locate(t, "US", List.of("ann"));
        assign(t, "TEAMS_PHONE", List.of("ann"));
        assign(t, "CALLING_PLAN_DOMESTIC", List.of("ann"));

        String path = "/api/tenants/" + t + "/pool-settings";
        LedgerHttp.Answer set = http.put(LICENSES, path, "{\"timeZone\":\"America/Los_Angeles\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("tenantId").asText()).isEqualTo(t);
        assertThat(set.json().get("timeZone").asText()).isEqualTo("America/Los_Angeles");
        for (String bad : List.of("+05:00", "GMT+2", "america/los_angeles", "Mars/Olympus", "")) {
            assertThat(http.put(LICENSES, path, "{\"timeZone\":\"" + bad + "\"}").code()).as(bad)
                    .isEqualTo("INVALID_TIME_ZONE");
        }
        assertThat(http.put("billing_admin", path, "{\"timeZone\":\"UTC\"}").status()).isEqualTo(403);

        LedgerHttp.Answer imported = http.post("telephony", "/api/tenants/" + t + "/usage", "["
                + record("night", "ann", "2026-12-01T05:00:00Z", 60) + ","
                + record("morning", "ann", "2026-12-01T08:30:00Z", 120) + "]");
        assertThat(imported.json().get("recorded").asInt()).as(imported.body()).isEqualTo(2);
        JsonNode november = usage(t, "2026-11", imported.sequence());
        JsonNode december = usage(t, "2026-12", imported.sequence());
        assertThat(pool(november, "DOMESTIC", "US").get("minutesUsed").asLong()).as("21:00 on 30 November in LA")
                .isEqualTo(1);
        assertThat(pool(december, "DOMESTIC", "US").get("minutesUsed").asLong()).as("00:30 on 1 December in LA")
                .isEqualTo(2);
        assertThat(http.get("finance_reader", "/api/tenants/" + t + "/usage/records.csv?month=2026-11").body())
                .contains("night,ann").doesNotContain("morning");

        // The control: a tenant left on UTC counts the 05:00Z call in December.
        String utc = newTenant("utc");
        seats(utc, "TEAMS_PHONE", 1);
        seats(utc, "CALLING_PLAN_DOMESTIC", 1);
        locate(utc, "US", List.of("ann"));
        assign(utc, "TEAMS_PHONE", List.of("ann"));
        assign(utc, "CALLING_PLAN_DOMESTIC", List.of("ann"));
        LedgerHttp.Answer onUtc = http.post("telephony", "/api/tenants/" + utc + "/usage",
                "[" + record("night", "ann", "2026-12-01T05:00:00Z", 60) + "]");
        assertThat(pool(usage(utc, "2026-12", onUtc.sequence()), "DOMESTIC", "US").get("minutesUsed").asLong())
                .isEqualTo(1);
        assertThat(usage(utc, "2026-11", onUtc.sequence()).get("items")).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static List<String> ids(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("%s%02d", prefix, i)).toList();
    }

    private static String json(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]");
    }

    private void seats(String t, String sku, int seats) {
        LedgerHttp.Answer answer = http.post(LICENSES, "/api/tenants/" + t + "/subscriptions",
                "{\"sku\":\"" + sku + "\",\"seats\":" + seats + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private void locate(String t, String country, List<String> users) {
        LedgerHttp.Answer answer = http.post(LICENSES, "/api/tenants/" + t + "/licenses/bulk-usage-location",
                "{\"country\":\"" + country + "\",\"userIds\":" + json(users) + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private void assign(String t, String sku, List<String> users) {
        LedgerHttp.Answer answer = http.post(LICENSES, "/api/tenants/" + t + "/licenses/bulk-assign",
                "{\"sku\":\"" + sku + "\",\"userIds\":" + json(users) + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("assigned").asInt()).as(answer.body()).isEqualTo(users.size());
    }

    private JsonNode authorize(String t, String call, String user, String destination) {
        LedgerHttp.Answer answer = http.post("telephony", "/api/tenants/" + t + "/calls/" + call + "/authorize",
                "{\"userId\":\"" + user + "\",\"destination\":\"" + destination + "\",\"callType\":\"OUTBOUND\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("decision").asText()).as(answer.body()).isEqualTo("ALLOW");
        return answer.json();
    }

    private LedgerHttp.Answer complete(String t, String call, long seconds) {
        LedgerHttp.Answer answer = http.post("telephony", "/api/tenants/" + t + "/calls/" + call + "/complete",
                "{\"durationSeconds\":" + seconds + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private JsonNode usage(String t, String month, long minSequence) {
        LedgerHttp.Answer answer = http.get("finance_reader", "/api/tenants/" + t + "/usage?month=" + month
                + "&minSequence=" + minSequence);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode pool(JsonNode usage, String plan, String country) {
        for (JsonNode item : usage.get("items")) {
            if (item.get("plan").asText().equals(plan) && item.get("country").asText().equals(country)) {
                return item;
            }
        }
        throw new AssertionError("no " + plan + "/" + country + " pool in " + usage);
    }

    private static String record(String callId, String user, String startedAt, long seconds) {
        return "{\"callId\":\"" + callId + "\",\"userId\":\"" + user + "\",\"destination\":\"" + US_NUMBER
                + "\",\"callType\":\"OUTBOUND\",\"startedAt\":\"" + startedAt + "\",\"durationSeconds\":" + seconds + "}";
    }

    /** The ledger's (test) clock month in UTC: other tests of the shared context may have moved the clock. */
    private String month() {
        Instant now = Instant.parse(http.get("operator", "/api/test-clock").json().get("now").asText());
        return YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();
    }
}
