package org.commcredits.ledger.query.verify;

import java.util.List;

/**
 * Every event of one tenant (all aggregates whose identifier starts with {@code {tenantId}/}), in global
 * order, deserialised, up to {@code lastSequence}.
 */
public record TenantHistory(String tenantId, List<Event> events, long lastSequence) {

    /** One event with its global index and the aggregate that wrote it. */
    public record Event(long sequence, String aggregateId, Object payload) {
    }

    public TenantHistory {
        events = List.copyOf(events);
    }

    /** The events of one aggregate of the tenant, e.g. {@code credit-account}. */
    public List<Event> of(String aggregateSuffix) {
        String id = tenantId + "/" + aggregateSuffix;
        return events.stream().filter(e -> e.aggregateId().equals(id)).toList();
    }

    public List<Event> creditAccount() {
        return of("credit-account");
    }
}
