package org.commcredits.ledger.query.support;

import org.commcredits.ledger.query.admin.ProjectionReplays;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rebuild-equals-live: the rows of a read model before and after a full replay of its projection. */
public final class ReadModelSnapshots {

    private ReadModelSnapshots() {
    }

    /** Every row of each query, in the query's order. */
    public static List<List<Map<String, Object>>> rows(JdbcTemplate jdbc, String... orderedQueries) {
        return java.util.Arrays.stream(orderedQueries).map(jdbc::queryForList).toList();
    }

    /** Replays the projection and waits (up to a minute) until the rebuild has finished. */
    public static void rebuild(ProjectionReplays replays, String projection) {
        replays.start(projection, "test");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (replays.isRebuilding(projection)) {
            assertThat(System.nanoTime()).as("rebuild of " + projection + " finished within a minute").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
