package org.commcredits.ledger.command.call;

import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.call.E164Number;
import org.commcredits.ledger.api.creditaccount.AccountStanding;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.license.CallingEntitlements;
import org.commcredits.ledger.api.license.UserCallingProfile;
import org.commcredits.ledger.api.pool.PoolRef;
import org.commcredits.ledger.api.rating.Rate;

import java.time.Instant;
import java.util.Optional;

/**
 * Everything an authorisation is decided from, gathered once by {@link CallDesk}: the call, the tenant's
 * account standing (null without an account), the rate (null when none applies), the user's profile and what
 * the calling rules make of it, the pool that would pay first with its minutes left, and the user's spend limit
 * for the month. {@link CallDecisions#decide} reads nothing else.
 */
record CallFacts(TenantId tenant, CallId callId, UserId userId, E164Number destination, CountryCode destinationCountry,
                 CallType type, Instant now, String month, AccountStanding account, Rate rate,
                 UserCallingProfile profile, CallingEntitlements.Verdict verdict, PoolRef pool, long poolMinutesLeft,
                 Optional<SpendLimitQueries.Standing> spendLimit) {

    /** The user a toll-free call is recorded against: none. */
    UserId caller() {
        return type == CallType.TOLL_FREE_INBOUND ? null : userId;
    }
}
