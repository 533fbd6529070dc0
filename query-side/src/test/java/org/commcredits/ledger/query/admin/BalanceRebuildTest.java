package org.commcredits.ledger.query.admin;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.query.support.AccountEvents;
import org.commcredits.ledger.query.support.QuerySideTest;
import org.commcredits.ledger.query.support.ReadModelSnapshots;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generic rebuild-equals-live check applied to the balance read model (whose projection another
 * issue extends): whatever events it handles, a replay must give the same rows.
 */
@QuerySideTest
class BalanceRebuildTest {

    @Autowired
    EventStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessorPositions positions;
    @Autowired
    ProjectionReplays replays;

    @Test
    @DisplayName("INV-RM-08: a rebuild of the balance projection produces exactly the live rows")
    void rebuildEqualsLive() {
        AccountEvents account = new AccountEvents(store, jdbc, "balance-rebuild");
        Instant t0 = Instant.parse("2025-04-01T00:00:00Z");
        account.open(t0);
        account.fund("t1", 7_000, t0.plusSeconds(10));
        account.consume("call-1", "t1", 700, 6_300, t0.plusSeconds(20));
        long last = account.fund("t2", 6_000, t0.plusSeconds(30));
        AccountEvents.awaitProjected(positions, last, "balance");
        String[] queries = {"SELECT * FROM rm_account ORDER BY tenant_id", "SELECT * FROM rm_tranche ORDER BY tenant_id, tranche_id"};
        List<List<Map<String, Object>>> live = ReadModelSnapshots.rows(jdbc, queries);

        ReadModelSnapshots.rebuild(replays, "balance");

        assertThat(ReadModelSnapshots.rows(jdbc, queries)).isEqualTo(live);
        assertThat(live.get(1)).isNotEmpty();
    }
}
