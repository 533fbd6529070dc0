package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.commcredits.ledger.platform.testing.LedgerHttp;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INV-CALL-12, INV-CALL-13: for every set of the 7 SKUs, dial-out policy override, each call type and each class of destination (domestic, abroad in
 * Zone A, abroad outside it), what the eligibility read model answers and what the call path decides agree:
 * allowed by one iff allowed by the other, paid by the first source eligibility lists, denied with a reason
 * eligibility lists. On the real aggregates and projections of the standalone application (H2), over HTTP.
 */
class CallingAgreementPropertyTest {

    private static final String T = "agree";
    /** Numbers per country, so that a destination class can be drawn from several countries. */
    private static final Map<String, String> NUMBERS = Map.of(
            "US", "+12025550123", "PR", "+17875550123", "BR", "+5511987654321", "GB", "+442071234567",
            "FR", "+33142685300", "DE", "+4930123456", "IN", "+919876543210", "MX", "+525512345678",
            "JP", "+81312345678");
    private static final List<String> ZONE_A = List.of("GB", "FR", "DE", "JP");
    private static final List<String> OUTSIDE_ZONE_A = List.of("BR", "IN", "MX");
    private static final String RATES = """
            prefix,destination,perMinute,connectionFee,currency,effectiveFrom
            1,North America,0.0100,0.0000,USD,2020-01-01T00:00:00Z
            44,United Kingdom,0.0100,0.0000,USD,2020-01-01T00:00:00Z
            33,France,0.0100,0.0000,USD,2020-01-01T00:00:00Z
            49,Germany,0.0100,0.0000,USD,2020-01-01T00:00:00Z
            55,Brazil,0.0100,0.0000,USD,2020-01-01T00:00:00Z
            91,India,0.0100,0.0000,USD,2020-01-01T00:00:00Z
            52,Mexico,0.0100,0.0000,USD,2020-01-01T00:00:00Z
            81,Japan,0.0100,0.0000,USD,2020-01-01T00:00:00Z
            """;

    private static RunningLedger ledger;
    private static LedgerHttp http;
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final int[] OUTCOMES = new int[2];

    @BeforeContainer
    static void startLedger() throws InterruptedException {
        ledger = RunningLedger.start(StandaloneApplication.class, H2TestDatabase.memoryUrl("agreement"), "sa",
                // A hold of one minute per credit-paid authorisation, so that thousands fit in the balance.
                "ledger.calls.max-reserved-minutes=1",
                "logging.level.org.commcredits=WARN");
        http = ledger.http();
        FundedTenants.open(http, T);
        FundedTenants.fund(http, T, "1000.00", "agree-funds");
        for (Sku sku : Sku.values()) {
            if (sku != Sku.COMMUNICATION_CREDITS) {
                assertThat(http.post("license_admin", "/api/tenants/" + T + "/subscriptions",
                        "{\"sku\":\"" + sku + "\",\"seats\":1000}").status()).isEqualTo(201);
            }
        }
        LedgerHttp.Answer rates = http.sendRaw("rates_admin", "PUT", "/api/rate-cards/agree", "text/csv", RATES);
        assertThat(rates.status()).as(rates.body()).isEqualTo(200);
        // Communication Credits seats arrive once licensing has handled the first funding.
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status = 0;
        while (System.nanoTime() < deadline && status != 201) {
            http.put("license_admin", "/api/tenants/" + T + "/users/probe/usage-location", "{\"country\":\"US\"}");
            status = http.post("license_admin", "/api/tenants/" + T + "/users/probe/licenses",
                    "{\"sku\":\"COMMUNICATION_CREDITS\"}").status();
            Thread.sleep(50);
        }
        assertThat(status).isEqualTo(201);
    }

    @AfterContainer
    static void stopLedger() {
        System.out.printf("calling agreement: %d users, %d calls, %d allowed, %d denied%n", USERS.get(), CALLS.get(),
                OUTCOMES[0], OUTCOMES[1]);
        if (ledger != null) {
            ledger.close();
        }
    }

    /** {@code pstn} / {@code conference} null: the user has no override and follows the tenant (unrestricted). */
    record Case(Set<Sku> skus, String usageLocation, String zoneA, String outsideZoneA, String pstn, String conference) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> pstn = Arbitraries.of("INTERNATIONAL_AND_DOMESTIC", "DOMESTIC_ONLY", "NONE").injectNull(0.4);
        Arbitrary<String> conference = Arbitraries.of("ANY_DESTINATION", "SAME_COUNTRY", "ZONE_A", "NONE").injectNull(0.4);
        return Combinators.combine(Arbitraries.subsetOf(Sku.values()), Arbitraries.of("US", "PR", "BR", "GB"),
                        Arbitraries.of(ZONE_A), Arbitraries.of(OUTSIDE_ZONE_A), pstn, conference)
                .as((skus, location, zoneA, other, p, c) -> new Case(skus.isEmpty() ? Set.of() : EnumSet.copyOf(skus),
                        location, zoneA, other, p, c));
    }

    @Property(tries = 400, generation = GenerationMode.RANDOMIZED)
    @Label("INV-CALL-12/13: eligibility and authorisation agree for every license set, policy, call type and destination class")
    void eligibilityAndAuthorisationAgree(@ForAll("cases") Case c) {
        String user = "u" + USERS.incrementAndGet();
        String base = "/api/tenants/" + T + "/users/" + user;
        LedgerHttp.Answer located = http.put("license_admin", base + "/usage-location",
                "{\"country\":\"" + c.usageLocation() + "\"}");
        assertThat(located.status()).isEqualTo(200);
        long sequence = located.sequence();
        for (Sku sku : c.skus()) {
            LedgerHttp.Answer assigned = http.post("license_admin", base + "/licenses", "{\"sku\":\"" + sku + "\"}");
            assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
            sequence = assigned.sequence();
        }
        if (c.pstn() != null || c.conference() != null) { // INV-CALL-13: the user's override
            LedgerHttp.Answer policy = http.put("license_admin", base + "/dial-out-policy", "{\"pstn\":"
                    + quoted(c.pstn()) + ",\"conference\":" + quoted(c.conference()) + "}");
            assertThat(policy.status()).as(policy.body()).isEqualTo(200);
            sequence = policy.sequence();
        }
        JsonNode eligibility = http.get("auditor", base + "/eligibility?minSequence=" + sequence).json();
        List<String> disagreements = new ArrayList<>();
        for (JsonNode scope : eligibility.get("calls")) {
            String callType = scope.get("callType").asText();
            String destination = destination(c, scope.get("destination").asText());
            String callId = "c" + CALLS.incrementAndGet();
            LedgerHttp.Answer answer = http.post("telephony", "/api/tenants/" + T + "/calls/" + callId + "/authorize",
                    "{\"userId\":\"" + user + "\",\"destination\":\"" + destination + "\",\"callType\":\"" + callType + "\"}");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode decision = answer.json();
            boolean allowed = decision.get("decision").asText().equals("ALLOW");
            OUTCOMES[allowed ? 0 : 1]++;
            String what = c + " " + callType + " to " + scope.get("destination").asText() + " " + destination
                    + ": eligibility " + scope + ", authorisation " + decision;
            if (allowed != scope.get("canDialOut").asBoolean()) {
                disagreements.add(what);
            } else if (allowed && !decision.get("fundedBy").asText().equals(scope.get("fundedBy").get(0).asText())) {
                disagreements.add(what);
            } else if (!allowed && !texts(scope.get("reasons")).contains(eligibilityCode(decision, callType))) {
                disagreements.add(what);
            }
            if (allowed) { // release the hold at once, so the balance eligibility sees stays what it was
                http.post("telephony", "/api/tenants/" + T + "/calls/" + callId + "/complete", "{\"durationSeconds\":0}");
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static String destination(Case c, String destinationClass) {
        return switch (destinationClass) {
            case "DOMESTIC" -> NUMBERS.get(c.usageLocation());
            case "INTERNATIONAL_ZONE_A" -> NUMBERS.get(c.zoneA().equals(c.usageLocation()) ? "JP" : c.zoneA());
            case "INTERNATIONAL_OTHER" -> NUMBERS.get(c.outsideZoneA().equals(c.usageLocation()) ? "IN" : c.outsideZoneA());
            default -> throw new IllegalArgumentException(destinationClass);
        };
    }

    /**
     * The deny reason as eligibility names it: conference dial-out without its license is answered
     * NO_CALLING_LICENSE by authorisation and NO_AUDIO_CONFERENCING_LICENSE by eligibility (docs/licensing.md).
     */
    private static String eligibilityCode(JsonNode decision, String callType) {
        String reason = decision.get("reason").asText();
        return reason.equals("NO_CALLING_LICENSE") && callType.equals("CONFERENCE_DIAL_OUT")
                ? "NO_AUDIO_CONFERENCING_LICENSE" : reason;
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
