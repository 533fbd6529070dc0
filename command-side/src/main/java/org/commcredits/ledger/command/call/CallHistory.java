package org.commcredits.ledger.command.call;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.api.call.CallAuthorized;
import org.commcredits.ledger.api.call.CallCompleted;
import org.commcredits.ledger.api.call.CallDenied;
import org.commcredits.ledger.api.call.CallIds;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the event store knows of a call so far (read in the caller's transaction). */
@Component
class CallHistory {

    record Known(CallAuthorized authorized, CallDenied denied, CallCompleted completed) {
        boolean isNew() {
            return authorized == null && denied == null && completed == null;
        }
    }

    private final EventStore events;
    private final JdbcTemplate jdbc;

    CallHistory(EventStore events, JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    /**
     * Which of {@code callIds} the event store already holds anything for: one indexed query per 500 ids,
     * for the batch path.
     */
    Set<CallId> seenBefore(TenantId tenantId, List<CallId> callIds) {
        Set<CallId> seen = new HashSet<>();
        for (int from = 0; from < callIds.size(); from += 500) {
            List<CallId> chunk = callIds.subList(from, Math.min(callIds.size(), from + 500));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            Map<String, CallId> byAggregate = new HashMap<>();
            chunk.forEach(id -> byAggregate.put(CallIds.aggregateId(tenantId, id), id));
            jdbc.query("SELECT DISTINCT aggregate_identifier FROM domain_event_entry WHERE aggregate_identifier IN ("
                    + marks + ")", rs -> {
                seen.add(byAggregate.get(rs.getString(1)));
            }, byAggregate.keySet().toArray());
        }
        return seen;
    }

    Known of(TenantId tenantId, CallId callId) {
        CallAuthorized authorized = null;
        CallDenied denied = null;
        CallCompleted completed = null;
        DomainEventStream stream = events.readEvents(CallIds.aggregateId(tenantId, callId));
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof CallAuthorized a) {
                authorized = a;
            } else if (payload instanceof CallDenied d) {
                denied = d;
            } else if (payload instanceof CallCompleted c) {
                completed = c;
            }
        }
        return new Known(authorized, denied, completed);
    }
}
