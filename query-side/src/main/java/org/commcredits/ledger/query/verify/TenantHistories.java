package org.commcredits.ledger.query.verify;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Loads a tenant's whole history from the event store: every aggregate whose identifier starts with
 * {@code {tenantId}/}, in global order. Event types this JVM does not know are skipped (their read models
 * live elsewhere).
 */
@Component
class TenantHistories {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    TenantHistories(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    TenantHistory load(String tenantId) {
        List<TenantHistory.Event> events = new ArrayList<>();
        long[] last = {0};
        jdbc.query("SELECT global_index, aggregate_identifier, payload_type, payload_revision, payload FROM domain_event_entry "
                        + "WHERE aggregate_identifier LIKE ? ESCAPE '\\' ORDER BY global_index",
                rs -> {
                    long sequence = rs.getLong(1);
                    last[0] = Math.max(last[0], sequence);
                    SerializedType type = new SimpleSerializedType(rs.getString(3), rs.getString(4));
                    if (UnknownSerializedType.class.equals(serializer.classForType(type))) {
                        return;
                    }
                    Object payload = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(5), byte[].class, type));
                    events.add(new TenantHistory.Event(sequence, rs.getString(2), payload));
                }, prefixPattern(tenantId));
        return new TenantHistory(tenantId, events, last[0]);
    }

    /** The tenant's last global index, to notice events that arrived while verifying. */
    long lastSequence(String tenantId) {
        Long last = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry WHERE aggregate_identifier LIKE ? ESCAPE '\\'",
                Long.class, prefixPattern(tenantId));
        return last == null ? 0 : last;
    }

    /** Tenants that have a credit account, from the event store (not from a read model that may be wrong). */
    List<String> tenantsWithAccounts() {
        return jdbc.queryForList("SELECT aggregate_identifier FROM domain_event_entry WHERE sequence_number = 0 "
                        + "AND aggregate_identifier LIKE '%/credit-account' ORDER BY aggregate_identifier", String.class)
                .stream().map(id -> id.substring(0, id.indexOf('/'))).toList();
    }

    /** {@code tenant/%} with LIKE's wildcards in the id escaped ({@code _} is allowed in ids). */
    static String prefixPattern(String tenantId) {
        return tenantId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%";
    }
}
