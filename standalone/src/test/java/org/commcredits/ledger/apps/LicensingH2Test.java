package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Licensing's SQL (MERGE upserts, the tenant queue, paging) on the embedded default, H2 in PostgreSQL mode. */
class LicensingH2Test {

    @Test
    @DisplayName("INV-LIC-03/04/07/10: subscribe, locate, assign one and in bulk, remove, and read eligibility on H2")
    void licensingRunsOnTheEmbeddedDatabase() {
        try (RunningLedger ledger = RunningLedger.start(StandaloneApplication.class, H2TestDatabase.memoryUrl("lic"), "sa")) {
            LedgerHttp http = ledger.http();
            String base = "/api/tenants/contoso";
            assertThat(http.post("license_admin", base + "/subscriptions", "{\"sku\":\"M365_E5\",\"seats\":3}").status()).isEqualTo(201);
            assertThat(http.post("license_admin", base + "/subscriptions", "{\"sku\":\"CALLING_PLAN_INTERNATIONAL\",\"seats\":2}").status())
                    .isEqualTo(201);
            assertThat(http.put("contoso_admin", base + "/users/ann/usage-location", "{\"country\":\"DE\"}").status()).isEqualTo(200);
            JsonNode located = http.post("license_admin", base + "/licenses/bulk-usage-location",
                    "{\"country\":\"DE\",\"userIds\":[\"ann\",\"ben\",\"cal\"]}").json();
            assertThat(located.get("set").asInt()).isEqualTo(2);
            assertThat(http.post("license_admin", base + "/users/ann/licenses", "{\"sku\":\"M365_E5\"}").status()).isEqualTo(201);
            JsonNode bulk = http.post("license_admin", base + "/licenses/bulk-assign",
                    "{\"sku\":\"CALLING_PLAN_INTERNATIONAL\",\"userIds\":[\"ann\",\"ben\",\"cal\"]}").json();
            assertThat(bulk.get("assigned").asInt()).isEqualTo(2);
            assertThat(bulk.get("items").get(2).get("code").asText()).isEqualTo("NO_SEATS_AVAILABLE");

            LedgerHttp.Answer removed = http.delete("license_admin", base + "/users/ben/licenses/CALLING_PLAN_INTERNATIONAL");
            assertThat(removed.status()).isEqualTo(204);
            JsonNode ann = http.get("telephony", base + "/users/ann/eligibility?minSequence=" + removed.sequence()).json();
            assertThat(ann.get("canDialOut").asBoolean()).isTrue();
            assertThat(ann.get("international").get("fundedBy").get(0).asText()).isEqualTo("INCLUDED_MINUTES");
            assertThat(ann.get("conferenceDialOut").get("canDialOut").asBoolean()).isTrue();
            JsonNode blocked = http.get("license_admin", base + "/eligibility?canDialOut=false&limit=1").json();
            assertThat(blocked.get("items").get(0).get("userId").asText()).isEqualTo("ben");
            assertThat(blocked.get("next").asText()).isEqualTo("ben");
            JsonNode rest = http.get("license_admin", base + "/eligibility?canDialOut=false&limit=1&after=ben").json();
            assertThat(rest.get("items").get(0).get("userId").asText()).isEqualTo("cal");
            assertThat(http.get("contoso_auditor", "/api/tenants/other/eligibility").status()).isEqualTo(403);
        }
    }
}
