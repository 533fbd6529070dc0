package org.commcredits.ledger.platformtest;

import org.axonframework.serialization.Serializer;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * INV-API-06: a slow writer's event is not skipped. Two concurrent transactions append; the one holding the
 * lower global index commits last, after the tracking processor has already handled the higher one. The
 * processor must still deliver the late event (gap handling), on PostgreSQL.
 */
@SpringBootTest(classes = ProbeApplication.class, properties = {
        "spring.config.import=classpath:ledger-defaults.yml",
        "ledger.app-defaults.port=0", "ledger.app-defaults.db-user=postgres", "ledger.app-defaults.sandbox=false",
        "ledger.app-defaults.db-url=unused"})
class EventStoreGapTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("gap");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("LEDGER_DB_URL", DATABASE::url);
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    Serializer serializer;
    @Autowired
    ProbeProjection probe;

    @Test
    void aLowerGlobalIndexCommittedLateIsStillDelivered() throws Exception {
        append(autoCommit(), "warm-up");
        await().atMost(Duration.ofSeconds(20)).until(() -> probe.seen().contains("warm-up"));

        try (Connection slow = dataSource.getConnection(); Connection fast = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            fast.setAutoCommit(false);
            long slowIndex = append(slow, "slow");
            long fastIndex = append(fast, "fast");
            fast.commit();
            assertThat(slowIndex).isLessThan(fastIndex);

            await().atMost(Duration.ofSeconds(10)).until(() -> probe.seen().contains("fast"));
            Thread.sleep(1_500); // the processor polls past the gap several times meanwhile
            assertThat(probe.seen()).doesNotContain("slow");
            slow.commit();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> probe.seen().contains("slow"));
        assertThat(probe.seen()).containsSubsequence("warm-up", "fast", "slow");
    }

    private Connection autoCommit() throws Exception {
        return dataSource.getConnection();
    }

    private long append(Connection connection, String name) throws Exception {
        byte[] payload = serializer.serialize(new Probed(name), byte[].class).getData();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type, "
                        + "time_stamp, aggregate_identifier, sequence_number, type) VALUES (?, ?, ?, NULL, ?, ?, ?, 0, 'Probe') "
                        + "RETURNING global_index")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setBytes(2, "{}".getBytes());
            insert.setBytes(3, payload);
            insert.setString(4, Probed.class.getName());
            insert.setString(5, Instant.now().toString());
            insert.setString(6, "probe/" + name + "/" + UUID.randomUUID());
            try (ResultSet keys = insert.executeQuery()) {
                keys.next();
                long index = keys.getLong(1);
                if (connection.getAutoCommit()) {
                    connection.close();
                }
                return index;
            }
        }
    }
}
