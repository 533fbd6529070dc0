package org.commcredits.ledger.query.usage;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.commcredits.ledger.api.call.CallCompleted;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.pool.MinutesConsumed;
import org.commcredits.ledger.api.pool.PoolMemberJoined;
import org.commcredits.ledger.api.pool.PoolResized;
import org.commcredits.ledger.platform.storage.GlobalIndex;
import org.commcredits.ledger.query.config.DeferredWrites;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Copies pools and completed calls into {@code rm_pool_usage} and {@code rm_call_usage}. Pool rows take
 * the absolute size and use from the event, only when its global index is newer than the row's; call rows
 * are inserted once per call id, under the month the call event names (the tenant's pool time zone,
 * INV-POOL-06). {@code holders} is the users the pool's size counts: {@code PoolResized.holders}, or the
 * members of a history from before pools were sized by holders ({@code PoolMemberJoined}). Redelivery
 * changes nothing. Rows are written once per processor batch ({@link UsageWrites}).
 */
@Component
@ProcessingGroup(UsageProjection.PROCESSOR)
class UsageProjection {

    static final String PROCESSOR = "usage";

    private final JdbcTemplate jdbc;
    private final DeferredWrites deferred;

    UsageProjection(JdbcTemplate jdbc, DeferredWrites deferred) {
        this.jdbc = jdbc;
        this.deferred = deferred;
    }

    @EventHandler
    void on(PoolMemberJoined event, @GlobalIndex long sequence) {
        long used = event.sizeAfter() - event.remainingAfter();
        pool(event.tenantId().value(), event.month(), event.kind().name(), event.country().value(), sequence,
                event.sizeAfter(), used, event.members());
    }

    @EventHandler
    void on(PoolResized event, @GlobalIndex long sequence) {
        pool(event.tenantId().value(), event.month(), event.kind().name(), event.country().value(),
                sequence, event.sizeAfter(), event.usedMinutes(), event.holders());
    }

    @EventHandler
    void on(MinutesConsumed event, @GlobalIndex long sequence) {
        pool(event.tenantId().value(), event.month(), event.kind().name(), event.country().value(), sequence,
                event.sizeMinutes(), event.usedAfter(), -1);
    }

    private void pool(String tenant, String month, String kind, String country, long sequence, long size, long used,
                      long holders) {
        deferred.add(PROCESSOR, UsageWrites.class, () -> new UsageWrites(jdbc),
                w -> w.pool(tenant, month, kind, country, sequence, size, used, holders));
    }

    @EventHandler
    void on(CallCompleted e, @GlobalIndex long sequence) {
        // revision 1 is upcast with its UTC month (CallMonthUpcaster); the fallback keeps a hand-made event safe
        String month = e.month() != null ? e.month() : YearMonth.from(e.startedAt().atZone(ZoneOffset.UTC)).toString();
        Object[] row = {e.tenantId().value(), e.callId().value(),
                e.tenantId().value(), e.callId().value(), month, e.userId() == null ? null : e.userId().value(),
                e.usageLocation() == null ? null : e.usageLocation().value(), e.callType().name(),
                e.destination().value(), e.destinationCountry() == null ? null : e.destinationCountry().value(),
                e.rate() == null ? null : e.rate().destination(), Timestamp.from(e.startedAt()),
                Timestamp.from(e.endedAt()), e.durationSeconds(), e.billedMinutes(), e.minutesFromPool(),
                e.pool() == null ? null : e.pool().kind().name(), e.pool() == null ? null : e.pool().country().value(),
                // amounts are absent (null) on a call no currency priced: no credit account, no rate
                minor(e.charge()), minor(e.fromCredits()), minor(e.postpaid()), minor(e.unfunded()),
                e.charge() == null ? null : e.charge().currency(), e.fundedBy().name(), e.rate() == null ? null : e.rate().rateCardId(),
                e.rate() == null ? null : e.rate().version(), sequence,
                e.rate() == null || e.charge() == null || !e.charge().isPositive() ? null : e.rate().connectionFeeE4()};
        deferred.add(PROCESSOR, UsageWrites.class, () -> new UsageWrites(jdbc), w -> w.call(e.tenantId().value(), e.callId().value(), row));
    }

    private static long minor(Money amount) {
        return amount == null ? 0 : amount.minor();
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_call_usage");
        jdbc.update("DELETE FROM rm_pool_usage");
    }
}
