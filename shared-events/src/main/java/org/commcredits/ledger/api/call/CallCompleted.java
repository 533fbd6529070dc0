package org.commcredits.ledger.api.call;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.pool.PoolRef;
import org.commcredits.ledger.api.rating.Rate;

import java.time.Instant;

/**
 * A call ended and was rated and paid for: {@code billedMinutes} (per started minute, INV-RATE-03) of which
 * {@code minutesFromPool} came from {@code pool} and the rest were charged: {@code charge} = connection fee
 * + rest × per-minute rate, rounded once (INV-RATE-04); zero when the pool paid everything. The charge was
 * paid {@code fromCredits} + {@code postpaid} + {@code unfunded} (the credit account's
 * {@code ChargeOutcome}; the tranches used are on its {@code FundsConsumed}, whose {@code reference} is the
 * call id). {@code viaAuthorization} is false for a record imported by the batch usage path.
 * {@code balanceAfter} is null when nothing was charged. {@code month} ({@code YYYY-MM}, revision 2) is the calendar
 * month of {@code startedAt} in the tenant's pool time zone when the call was decided: the month of its pool,
 * spend limit and usage report (INV-POOL-06); revision 1 events are read with the UTC month by
 * {@code CallMonthUpcaster}.
 */
@Revision("2")
public record CallCompleted(TenantId tenantId, CallId callId, UserId userId, CountryCode usageLocation,
                            E164Number destination, CountryCode destinationCountry, CallType callType,
                            Instant startedAt, Instant endedAt, long durationSeconds, long billedMinutes,
                            PoolRef pool, long minutesFromPool, Rate rate, Money charge, Money fromCredits,
                            Money postpaid, Money unfunded, Money balanceAfter, FundedBy fundedBy,
                            boolean viaAuthorization, Instant completedAt, String month) {
}
