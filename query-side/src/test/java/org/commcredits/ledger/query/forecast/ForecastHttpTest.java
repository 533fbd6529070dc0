package org.commcredits.ledger.query.forecast;

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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** INV-FC-01 over HTTP: the forecast reads the account and its last 30 days from the events. */
@QuerySideTest
class ForecastHttpTest {

    @Autowired
    EventStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @LocalServerPort
    int port;

    @Test
    @DisplayName("INV-FC-01: 30.00 spent in the last 30 days: 1.00 a day; the 70.00 left is used up in 70 days, nothing forfeits")
    void forecastOfAnAccount() {
        Instant now = clock.instant();
        AccountEvents account = new AccountEvents(store, jdbc, "forecast");
        account.open(now.minus(Duration.ofDays(40)));
        account.fund("tr-1", 100_00, now.minus(Duration.ofDays(35)));
        account.consume("call-1", "tr-1", 30_00, 70_00, now.minus(Duration.ofDays(10)));
        LedgerHttp http = LedgerHttp.onPort(port);
        LedgerHttp.Answer answer = http.get("finance_reader", "/api/tenants/" + account.tenant() + "/forecast");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("spentLast30Days").asText()).isEqualTo("30.00");
        assertThat(json.get("burnPerDay").asText()).isEqualTo("1.00");
        assertThat(json.get("balance").asText()).isEqualTo("70.00");
        assertThat(json.at("/tranches/0/trancheId").asText()).isEqualTo("tr-1");
        assertThat(json.at("/tranches/0/projectedForfeit").asText()).isEqualTo("0.00");
        assertThat(json.at("/tranches/0/projectedUsedUpOn").asText())
                .isEqualTo(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(70).toString());
        assertThat(json.get("depletedOn").asText()).isEqualTo(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(70).toString());
        assertThat(json.get("expectedRechargesNext90Days")).isEmpty();

        assertThat(http.get("finance_reader", "/api/tenants/no-account-here/forecast").json().get("code").asText())
                .isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(http.get("license_admin", "/api/tenants/" + account.tenant() + "/forecast").status()).isEqualTo(403);
    }
}
