package org.commcredits.ledger.command.pool;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.commcredits.ledger.api.pool.ConsumePoolMinutes;
import org.commcredits.ledger.api.pool.MinutesConsumed;
import org.commcredits.ledger.api.pool.PoolMemberJoined;
import org.commcredits.ledger.api.pool.PoolStatus;
import org.commcredits.ledger.api.pool.PoolThresholdReached;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One month's included-minute pool of a tenant for one plan and pool country
 * ({@code {tenantId}/pools/{kind}/{country}/{YYYY-MM}}). Its size is the per-user minutes times the users
 * that joined it (INV-POOL-01); it never gives more than it has (INV-POOL-04) and alerts once at 80% and
 * once at 100% (INV-POOL-05). A new month is a new pool, so month roll-over resets it (INV-POOL-03).
 * Its state stays small (members, totals, thresholds), so snapshots every {@code ledger.snapshot.threshold}
 * events keep a busy pool quick to load; that a call consumes once is the call's rule (INV-CALL-03).
 */
@Aggregate(snapshotTriggerDefinition = "poolSnapshotTrigger", cache = "poolCache")
class Pool {

    static final int[] THRESHOLDS = {80, 100};

    @AggregateIdentifier
    private String id;
    private Set<String> members = new HashSet<>();
    private Set<Integer> thresholdsReached = new HashSet<>();
    private String lastCallId;
    private long lastTaken;
    private long size;
    private long used;

    Pool() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PoolStatus handle(ConsumePoolMinutes command, Clock clock) {
        String poolId = command.aggregateId();
        Instant now = clock.instant();
        if (command.callId().value().equals(lastCallId)) {
            return status(poolId, lastTaken); // an immediate repeat; completion itself is once per call (INV-CALL-03)
        }
        if (command.userId() != null && !members.contains(command.userId().value())) { // INV-POOL-01
            long sizeAfter = size + command.perUserMinutes();
            apply(new PoolMemberJoined(command.tenantId(), poolId, command.kind(), command.country(),
                    command.month().toString(), command.userId(), command.perUserMinutes(), members.size() + 1L,
                    sizeAfter, sizeAfter - used, now));
        }
        long taken = Math.min(Math.max(command.minutes(), 0), size - used); // INV-POOL-04
        if (taken > 0) {
            apply(new MinutesConsumed(command.tenantId(), poolId, command.kind(), command.country(),
                    command.month().toString(), command.callId(), command.userId(), taken, used + taken, size,
                    size - used - taken, now));
            for (int percent : THRESHOLDS) {
                if (!thresholdsReached.contains(percent) && used * 100 >= size * percent) { // INV-POOL-05
                    apply(new PoolThresholdReached(command.tenantId(), poolId, command.kind(), command.country(),
                            command.month().toString(), percent, used, size, now));
                }
            }
        }
        return status(poolId, taken);
    }

    private PoolStatus status(String poolId, long taken) {
        return new PoolStatus(poolId, size, used, size - used, taken);
    }

    @EventSourcingHandler
    void on(PoolMemberJoined event) {
        id = event.poolId();
        members.add(event.userId().value());
        size = event.sizeAfter();
    }

    @EventSourcingHandler
    void on(MinutesConsumed event) {
        id = event.poolId();
        used = event.usedAfter();
        size = event.sizeMinutes();
        lastCallId = event.callId().value();
        lastTaken = event.minutes();
    }

    @EventSourcingHandler
    void on(PoolThresholdReached event) {
        thresholdsReached.add(event.percent());
    }
}
