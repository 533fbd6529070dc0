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
import org.commcredits.ledger.api.pool.PoolResized;
import org.commcredits.ledger.api.pool.PoolStatus;
import org.commcredits.ledger.api.pool.PoolThresholdReached;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One month's included-minute pool of a tenant for one plan and pool country
 * ({@code {tenantId}/pools/{kind}/{country}/{YYYY-MM}}, the month in the tenant's pool time zone). Its size is
 * the per-user minutes times the most users that held the plan in that country at any call this month: it
 * grows when licensing counts more holders and never shrinks within its month (INV-POOL-01). It never gives
 * more than it has (INV-POOL-04) and alerts once at 80% and once at 100% of its size, again only when a
 * resize put a reached threshold out of reach (INV-POOL-05). A new month is a new pool, so month roll-over
 * resets it (INV-POOL-03). Its state stays small (totals, thresholds), so snapshots every
 * {@code ledger.snapshot.threshold} events keep a busy pool quick to load; that a call consumes once is the
 * call's rule (INV-CALL-03).
 */
@Aggregate(snapshotTriggerDefinition = "poolSnapshotTrigger", cache = "poolCache")
class Pool {

    static final int[] THRESHOLDS = {80, 100};

    @AggregateIdentifier
    private String id;
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
        long sizeWanted = command.holders() * command.perUserMinutes();
        if (sizeWanted > size) { // INV-POOL-01: grows to the holders' minutes, never shrinks within the month
            List<Integer> rearmed = new ArrayList<>();
            for (int percent : THRESHOLDS) {
                if (thresholdsReached.contains(percent) && used * 100 < sizeWanted * percent) { // INV-POOL-05
                    rearmed.add(percent);
                }
            }
            apply(new PoolResized(command.tenantId(), poolId, command.kind(), command.country(),
                    command.month().toString(), command.holders(), command.perUserMinutes(), size, sizeWanted, used,
                    sizeWanted - used, rearmed, now));
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

    /** Histories written before pools were sized by holders: each member grew the pool by one user's minutes. */
    @EventSourcingHandler
    void on(PoolMemberJoined event) {
        id = event.poolId();
        size = event.sizeAfter();
    }

    @EventSourcingHandler
    void on(PoolResized event) {
        id = event.poolId();
        size = event.sizeAfter();
        thresholdsReached.removeAll(event.rearmedThresholds());
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
