package org.commcredits.ledger.api.call;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.pool.PoolRef;
import org.commcredits.ledger.api.rating.Rate;

import java.time.Instant;

/**
 * A call may proceed. {@code rate} is the rate-card row in force at {@code authorizedAt} (the call's start),
 * which completion uses (null when no rate was needed: a pool-paid call of a tenant
 * without a credit account). {@code pool} names the included-minute pool that pays first (null when none);
 * {@code reservationId} the credit hold (null when none). {@code userId}, {@code usageLocation} are null for
 * toll-free inbound calls; {@code maxDurationSeconds} is null for postpaid calls. {@code month} ({@code YYYY-MM},
 * revision 2) is the calendar month of {@code authorizedAt} in the tenant's pool time zone: the month the call
 * counts in for its pool, the user's spend limit and the usage report (INV-POOL-06); revision 1 events are read
 * with the UTC month by {@code CallMonthUpcaster}.
 */
@Revision("2")
public record CallAuthorized(TenantId tenantId, CallId callId, UserId userId, CountryCode usageLocation,
                             E164Number destination, CountryCode destinationCountry, CallType callType,
                             FundedBy fundedBy, PoolRef pool, String reservationId, Long maxDurationSeconds,
                             Rate rate, Instant authorizedAt, String month) {
}
