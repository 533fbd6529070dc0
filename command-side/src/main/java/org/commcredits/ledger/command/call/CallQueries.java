package org.commcredits.ledger.command.call;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.commcredits.ledger.api.call.CallAuthorized;
import org.commcredits.ledger.api.call.CallCompleted;
import org.commcredits.ledger.api.call.CallDenied;
import org.commcredits.ledger.api.call.CallIds;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.platform.storage.FreshAggregateCache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is known of a call so far, read in the caller's unit of work and transaction: from the {@link Call}
 * aggregate (usually from the aggregate cache, so the completion that follows an authorisation reads no
 * event), loaded through the repository read-only. Loading it also registers it in the unit of work, so
 * the command that then records the decision or completion finds it there instead of loading it again.
 */
@Component
class CallQueries {

    record Known(CallAuthorized authorized, CallDenied denied, CallCompleted completed) {
        static final Known NOTHING = new Known(null, null, null);
    }

    private final Repository<Call> calls;
    private final FreshAggregateCache cache;
    private final JdbcTemplate jdbc;

    CallQueries(Repository<Call> calls, @Qualifier("callCache") FreshAggregateCache cache, JdbcTemplate jdbc) {
        this.calls = calls;
        this.cache = cache;
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
            byAggregate.forEach((aggregate, id) -> {
                if (!seen.contains(id)) {
                    cache.knownAbsent(aggregate); // recording it then reads no snapshot and no events
                }
            });
        }
        return seen;
    }

    /**
     * Must run inside a unit of work. A call that is neither cached nor stored (the common case of an
     * authorisation) costs one indexed query instead of a snapshot and an event read.
     */
    Known of(TenantId tenantId, CallId callId) {
        String id = CallIds.aggregateId(tenantId, callId);
        if (!cache.mayExist(id)) {
            return Known.NOTHING;
        }
        try {
            return calls.load(id).invoke(Call::known);
        } catch (AggregateNotFoundException notYetCommitted) {
            // cached by a concurrent twin whose transaction has not committed: for us the call is new, and the
            // twin's commit turns our own first event into a conflict that CommandExecutor retries
            return Known.NOTHING;
        }
    }
}
