package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Operations endpoints: health and Prometheus metrics are exposed, every other actuator endpoint is not. */
class ActuatorTest extends LedgerOnPostgres {

    @Test
    @DisplayName("health and prometheus are public; env, beans, heapdump are not exposed")
    void onlyHealthAndMetrics() {
        LedgerHttp.Answer health = http().get(null, "/actuator/health");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("details");

        FundedTenants.open(http(), "actuator-metrics"); // a command, so that Axon's monitors would have counted
        LedgerHttp.Answer metrics = http().get(null, "/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");

        assertThat(metrics.body()).as("projection lag per projection replaces Axon's per-message monitors")
                .containsPattern("ledger_projection_lag_events\\{[^}]*projection=\"balance\"[^}]*} [0-9.]+")
                .contains("ledger_projection_error{").contains("ledger_aggregate_cache_total{")
                .doesNotContain("ingestedCounter").doesNotContain("successTimer");

        for (String hidden : new String[]{"/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/configprops",
                "/actuator/loggers", "/actuator/threaddump"}) {
            LedgerHttp.Answer answer = http().get("admin", hidden);
            assertThat(answer.status()).as(hidden).isIn(403, 404);
            assertThat(answer.body()).as(hidden).doesNotContain("LEDGER_DB");
        }
    }

    @Test
    @DisplayName("the OpenAPI description is served")
    void openApi() {
        LedgerHttp.Answer docs = http().get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/tenants/{tenantId}/credit-account/funds");
    }
}
