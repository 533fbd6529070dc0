package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's "(v2) Dial-out policies" through HTTP, on the standalone application (H2). */
class DialOutPolicyH2Test {

    private static final String US = "+12025550123";
    private static final String LONDON = "+442071234567";

    @Test
    @DisplayName("INV-CALL-13/14: tenant default, user override, DIAL_OUT_RESTRICTED before pools, the blocked-calls view")
    void canRestrictDialOutPerTenantAndUser() throws InterruptedException {
        try (RunningLedger ledger = RunningLedger.start(StandaloneApplication.class, H2TestDatabase.memoryUrl("dialout"), "sa")) {
            LedgerHttp http = ledger.http();
            String t = "/api/tenants/contoso";
            for (String sku : new String[] {"TEAMS_PHONE", "CALLING_PLAN_INTERNATIONAL"}) {
                assertThat(http.post("license_admin", t + "/subscriptions", "{\"sku\":\"" + sku + "\",\"seats\":5}").status())
                        .isEqualTo(201);
            }
            for (String user : new String[] {"ann", "ben"}) {
                assertThat(http.put("license_admin", t + "/users/" + user + "/usage-location", "{\"country\":\"US\"}").status())
                        .isEqualTo(200);
                for (String sku : new String[] {"TEAMS_PHONE", "CALLING_PLAN_INTERNATIONAL"}) {
                    assertThat(http.post("license_admin", t + "/users/" + user + "/licenses", "{\"sku\":\"" + sku + "\"}")
                            .status()).isEqualTo(201);
                }
            }
            JsonNode defaults = http.get("license_admin", t + "/users/ann/dial-out-policy").json();
            assertThat(defaults.get("pstn").asText()).isEqualTo("INTERNATIONAL_AND_DOMESTIC");
            assertThat(defaults.get("source").get("pstn").asText()).isEqualTo("TENANT");

            LedgerHttp.Answer tenant = http.put("license_admin", t + "/dial-out-policy",
                    "{\"pstn\":\"DOMESTIC_ONLY\",\"conference\":\"ZONE_A\"}");
            assertThat(tenant.status()).as(tenant.body()).isEqualTo(200);
            assertThat(tenant.json().get("pstn").asText()).isEqualTo("DOMESTIC_ONLY");
            LedgerHttp.Answer user = http.put("license_admin", t + "/users/ben/dial-out-policy", "{\"pstn\":\"NONE\"}");
            assertThat(user.status()).as(user.body()).isEqualTo(200);
            assertThat(user.json().get("pstn").asText()).isEqualTo("NONE");
            assertThat(user.json().get("conference").asText()).isEqualTo("ZONE_A");
            assertThat(user.json().get("source").get("conference").asText()).isEqualTo("TENANT");
            assertThat(http.put("license_admin", t + "/dial-out-policy", "{\"pstn\":\"SOMETIMES\",\"conference\":\"NONE\"}")
                    .code()).isEqualTo("INVALID_REQUEST");
            assertThat(http.put("telephony", t + "/dial-out-policy", "{\"pstn\":\"NONE\",\"conference\":\"NONE\"}").status())
                    .isEqualTo(403);

            JsonNode benPolicy = http.get("auditor", t + "/users/ben/dial-out-policy?minSequence=" + user.sequence()).json();
            assertThat(benPolicy.get("source").get("pstn").asText()).isEqualTo("USER");
            JsonNode events = http.get("auditor", "/api/audit/events?tenantId=contoso&limit=1000").json();
            String setBy = null;
            for (JsonNode event : events.get("items")) {
                if (event.get("type").asText().endsWith("UserDialOutPolicySet")) {
                    setBy = event.get("payload").get("setBy").asText();
                }
            }
            assertThat(setBy).as("the event carries the acting principal").isEqualTo("license_admin");

            // The International plan would pay London from its pool; DOMESTIC_ONLY denies it first.
            JsonNode london = authorize(http, "c1", "ann", LONDON);
            assertThat(london.get("decision").asText()).isEqualTo("DENY");
            assertThat(london.get("reason").asText()).isEqualTo("DIAL_OUT_RESTRICTED");
            assertThat(authorize(http, "c2", "ann", US).get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
            assertThat(authorize(http, "c3", "ben", US).get("reason").asText()).isEqualTo("DIAL_OUT_RESTRICTED");

            JsonNode ann = http.get("auditor", t + "/users/ann/eligibility?minSequence=" + user.sequence()).json();
            assertThat(ann.get("canDialOut").asBoolean()).isTrue();
            assertThat(ann.get("international").get("reasons").get(0).asText()).isEqualTo("DIAL_OUT_RESTRICTED");
            JsonNode ben = http.get("auditor", t + "/users/ben/eligibility").json();
            assertThat(ben.get("reasons").get(0).asText()).isEqualTo("DIAL_OUT_RESTRICTED");

            String month = YearMonth.now(ZoneOffset.UTC).toString();
            JsonNode blocked = null;
            for (int i = 0; i < 50; i++) {
                blocked = http.get("finance_reader", t + "/blocked-calls?month=" + month).json();
                if (blocked.get("items").size() == 2) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(blocked.get("items")).hasSize(2);
            JsonNode first = blocked.get("items").get(0);
            assertThat(first.get("userId").asText()).isEqualTo("ann");
            assertThat(first.get("destination").asText()).isEqualTo(LONDON);
            assertThat(first.get("reason").asText()).isEqualTo("DIAL_OUT_RESTRICTED");
            assertThat(first.get("action").asText()).isEqualTo("BLOCKED");
            assertThat(http.get("finance_reader", t + "/blocked-calls?month=2026-13").code()).isEqualTo("INVALID_MONTH");
        }
    }

    private static JsonNode authorize(LedgerHttp http, String call, String user, String destination) {
        LedgerHttp.Answer answer = http.post("telephony", "/api/tenants/contoso/calls/" + call + "/authorize",
                "{\"userId\":\"" + user + "\",\"destination\":\"" + destination + "\",\"callType\":\"OUTBOUND\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }
}
