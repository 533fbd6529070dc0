package org.commcredits.ledger.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.query.support.AccountEvents;
import org.commcredits.ledger.query.support.QuerySideTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** As-of balances around funding, consumption and expiry, rebuilt from events (INV-RM-02, INV-RM-03). */
@QuerySideTest
class BalanceAsOfTest {

    private static final Instant OPENED = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant FUNDED = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant CONSUMED = Instant.parse("2025-03-05T12:30:00Z");
    private static final Instant FUNDED_AGAIN = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2026-03-01T09:00:00Z");

    @Autowired
    EventStore store;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private JsonNode asOf(String tenant, Instant instant) {
        LedgerHttp.Answer answer = LedgerHttp.onPort(port).get("auditor", "/api/tenants/" + tenant + "/balance?asOf=" + instant);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private AccountEvents account(boolean sweepRan) {
        AccountEvents account = new AccountEvents(store, jdbc, "asof");
        account.open(OPENED);
        account.fund("t1", 10_000, FUNDED);
        account.consume("call-1", "t1", 2_500, 7_500, CONSUMED);
        account.fund("t2", 5_000, FUNDED_AGAIN);
        if (sweepRan) {
            // the sweep noticed the expiry a day late; the event still says the expiry instant
            account.expire("t1", 7_500, EXPIRY);
        }
        return account;
    }

    @Test
    @DisplayName("INV-RM-02: as-of answers at instants around funding and consumption")
    void answersBalanceAroundFundingAndConsumption() {
        String tenant = account(true).tenant();

        JsonNode beforeFunding = asOf(tenant, FUNDED.minusMillis(1));
        assertThat(beforeFunding.get("balance").asText()).isEqualTo("0.00");
        assertThat(beforeFunding.get("tranches")).isEmpty();

        JsonNode atFunding = asOf(tenant, FUNDED);
        assertThat(atFunding.get("balance").asText()).isEqualTo("100.00");
        assertThat(atFunding.get("tranches").get(0).get("remaining").asText()).isEqualTo("100.00");
        assertThat(atFunding.get("asOf").asText()).isEqualTo(FUNDED.toString());

        assertThat(asOf(tenant, CONSUMED.minusMillis(1)).get("balance").asText()).isEqualTo("100.00");
        JsonNode afterConsumption = asOf(tenant, CONSUMED);
        assertThat(afterConsumption.get("balance").asText()).isEqualTo("75.00");
        assertThat(afterConsumption.get("tranches").get(0).get("remaining").asText()).isEqualTo("75.00");

        JsonNode twoTranches = asOf(tenant, FUNDED_AGAIN);
        assertThat(twoTranches.get("balance").asText()).isEqualTo("125.00");
        assertThat(twoTranches.get("tranches").findValuesAsText("trancheId")).containsExactly("t1", "t2");
    }

    @Test
    @DisplayName("INV-RM-03: a tranche counts as expired from its expiry instant, whether or not the sweep has written it yet")
    void answersBalanceAroundExpiry() {
        for (boolean sweepRan : new boolean[]{true, false}) {
            String tenant = account(sweepRan).tenant();

            JsonNode justBefore = asOf(tenant, EXPIRY.minusMillis(1));
            assertThat(justBefore.get("balance").asText()).isEqualTo("125.00");
            assertThat(justBefore.get("tranches")).hasSize(2);

            JsonNode atExpiry = asOf(tenant, EXPIRY);
            assertThat(atExpiry.get("balance").asText()).as("sweep ran: " + sweepRan).isEqualTo("50.00");
            assertThat(atExpiry.get("tranches").findValuesAsText("trancheId")).containsExactly("t2");
        }
    }

    @Test
    void cannotAskBeforeTheAccountExistedOrInTheFutureOrWithBadInstant() {
        String tenant = account(true).tenant();
        LedgerHttp http = LedgerHttp.onPort(port);
        String path = "/api/tenants/" + tenant + "/balance?asOf=";
        assertThat(http.get("auditor", path + OPENED.minusSeconds(1)).code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(http.get("auditor", path + "2999-01-01T00:00:00Z").code()).isEqualTo("INVALID_INSTANT");
        assertThat(http.get("auditor", path + "last-tuesday").code()).isEqualTo("INVALID_INSTANT");
        assertThat(http.get("auditor", path + OPENED).status()).isEqualTo(200);
    }
}
