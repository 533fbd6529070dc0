package org.commcredits.ledger.query.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored event stream as auditors see it: straight from {@code domain_event_entry}, in global order,
 * with the payload exactly as stored (at its stored revision, never upcast).
 */
@Component
class EventStream {

    /** One stored event; {@code payload} is the stored JSON text. */
    record StoredEvent(long sequence, String type, String payloadType, String revision, String aggregateId,
                       long aggregateSequence, String occurredAt, String payload) {
    }

    private static final String COLUMNS = "SELECT global_index, payload_type, payload_revision, aggregate_identifier, "
            + "sequence_number, time_stamp, payload FROM domain_event_entry";

    private final JdbcTemplate jdbc;

    EventStream(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code max} events after global index {@code after}, of one tenant or (tenantId null) all. */
    List<StoredEvent> page(String tenantId, long after, int max) {
        List<StoredEvent> events = new ArrayList<>();
        if (tenantId == null) {
            jdbc.query(COLUMNS + " WHERE global_index > ? ORDER BY global_index FETCH FIRST " + max + " ROWS ONLY",
                    collect(events), after);
        } else {
            jdbc.query(COLUMNS + " WHERE global_index > ? AND aggregate_identifier LIKE ? ESCAPE '\\' ORDER BY global_index FETCH FIRST "
                    + max + " ROWS ONLY", collect(events), after, prefixPattern(tenantId));
        }
        return events;
    }

    /**
     * Streams every event of the tenant to {@code sink}, oldest first, in pages of 1,000 by global index so
     * that memory stays flat however long the history.
     */
    void forEach(String tenantId, java.util.function.Consumer<StoredEvent> sink) {
        long after = -1;
        while (true) {
            List<StoredEvent> page = page(tenantId, after, 1000);
            page.forEach(sink);
            if (page.size() < 1000) {
                return;
            }
            after = page.get(page.size() - 1).sequence();
        }
    }

    private static RowCallbackHandler collect(List<StoredEvent> events) {
        return rs -> {
            String payloadType = rs.getString(2);
            events.add(new StoredEvent(rs.getLong(1), payloadType.substring(payloadType.lastIndexOf('.') + 1), payloadType,
                    rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                    new String(rs.getBytes(7), StandardCharsets.UTF_8)));
        };
    }

    static String prefixPattern(String tenantId) {
        return tenantId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%";
    }
}
