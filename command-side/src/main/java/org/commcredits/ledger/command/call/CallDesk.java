package org.commcredits.ledger.command.call;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.commcredits.ledger.api.call.CallAuthorized;
import org.commcredits.ledger.api.call.CallCompleted;
import org.commcredits.ledger.api.call.CallDenied;
import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.call.DenyReason;
import org.commcredits.ledger.api.call.E164Number;
import org.commcredits.ledger.api.call.FundedBy;
import org.commcredits.ledger.api.call.RecordCallAuthorization;
import org.commcredits.ledger.api.call.RecordCallCompletion;
import org.commcredits.ledger.api.call.RecordUserSpend;
import org.commcredits.ledger.api.creditaccount.AccountStanding;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.ChargeOutcome;
import org.commcredits.ledger.api.creditaccount.ChargeUsage;
import org.commcredits.ledger.api.creditaccount.FindAccountStanding;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.ReleaseReservation;
import org.commcredits.ledger.api.creditaccount.ReservationReleased;
import org.commcredits.ledger.api.creditaccount.ReserveFunds;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.license.CallingEntitlements;
import org.commcredits.ledger.api.license.DialOutPolicy;
import org.commcredits.ledger.api.license.FindUserCallingProfile;
import org.commcredits.ledger.api.license.UserCallingProfile;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.pool.ConsumePoolMinutes;
import org.commcredits.ledger.api.pool.PoolKind;
import org.commcredits.ledger.api.pool.PoolRef;
import org.commcredits.ledger.api.pool.PoolStatus;
import org.commcredits.ledger.api.rating.Rate;
import org.commcredits.ledger.command.pool.PoolSizes;
import org.commcredits.ledger.command.rating.PhoneCountries;
import org.commcredits.ledger.command.rating.RateBook;
import org.commcredits.ledger.command.rating.Rating;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The call path: authorises, completes and imports calls. Each operation runs as one root unit of work
 * inside the caller's transaction ({@code CommandExecutor}), so the pool, the credit account and the call
 * commit together or not at all, and an aggregate touched twice (a pool in a batch) is loaded once.
 *
 * <p>Authorisation (INV-CALL-06, checks in this order): toll-free inbound needs an account, a rate and
 * credit (never postpaid, never a pool); otherwise the user must be known with a usage location and hold a
 * calling license for the call type; then the included-minute pool pays if it has minutes; then credit
 * (needs an account, the Communication Credits license and a rate): postpaid on a drained MCA account, else
 * a hold of what the available balance allows, answered as {@code maxDurationSeconds}; else a denial.
 */
@Component
public class CallDesk {

    private static final int IMPORT_CHUNK = 100;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final RateBook rates;
    private final CallQueries history;
    private final SpendLimitQueries spendLimits;
    private final Clock clock;
    private final long maxReservedMinutes;
    private final Duration holdGrace;

    CallDesk(CommandGateway commands, QueryGateway queries, RateBook rates, CallQueries history,
             SpendLimitQueries spendLimits, Clock clock,
             @Value("${ledger.calls.max-reserved-minutes:240}") long maxReservedMinutes,
             @Value("${ledger.calls.hold-grace:PT15M}") Duration holdGrace) {
        this.commands = commands;
        this.queries = queries;
        this.rates = rates;
        this.history = history;
        this.spendLimits = spendLimits;
        this.clock = clock;
        this.maxReservedMinutes = maxReservedMinutes;
        this.holdGrace = holdGrace;
    }

    public record Decision(String decision, FundedBy fundedBy, Long maxDurationSeconds, DenyReason reason) {
    }

    public record Settlement(long minutesFromPool, Money chargedAmount, Money balance) {
    }

    public record UsageRecord(CallId callId, UserId userId, E164Number destination, CallType callType,
                              Instant startedAt, long durationSeconds) {
    }

    public record ImportResult(CallId callId, String status, String code, String detail, Settlement settlement) {
    }

    // ---- authorisation -------------------------------------------------------------------------------

    public Decision authorize(TenantId tenant, CallId callId, UserId userId, E164Number destination, CallType type) {
        return inOneUnitOfWork(() -> {
            CallQueries.Known known = history.of(tenant, callId);
            if (known.authorized() != null) { // INV-CALL-01: a repeat answers the first decision
                return allowed(known.authorized());
            }
            if (known.denied() != null) {
                return new Decision("DENY", null, null, known.denied().reason());
            }
            if (known.completed() != null) {
                return new Decision("ALLOW", known.completed().fundedBy(), known.completed().durationSeconds(), null);
            }
            return decide(tenant, callId, userId, destination, type, clock.instant());
        });
    }

    private Decision decide(TenantId tenant, CallId callId, UserId userId, E164Number destination, CallType type,
                            Instant now) {
        CountryCode destinationCountry = PhoneCountries.of(destination);
        AccountStanding account = standing(tenant);
        Rate rate = account == null ? null : rates.find(account.currency(), destination.digits(), now);
        UserCallingProfile profile = profile(tenant, type == CallType.TOLL_FREE_INBOUND ? null : userId);
        String month = profile.monthOf(now).toString(); // INV-POOL-06: the tenant's month of the call's start
        Denial deny = reason -> {
            commands.sendAndWait(new RecordCallAuthorization(tenant, callId, null,
                    new CallDenied(tenant, callId, userId, destination, type, reason, now)));
            return new Decision("DENY", null, null, reason);
        };
        Grant grant = (fundedBy, pool, reservationId, maxSeconds, usageLocation) -> {
            CallAuthorized authorized = new CallAuthorized(tenant, callId, type == CallType.TOLL_FREE_INBOUND ? null : userId,
                    usageLocation, destination, destinationCountry, type, fundedBy, pool, reservationId, maxSeconds, rate, now,
                    month);
            commands.sendAndWait(new RecordCallAuthorization(tenant, callId, authorized, null));
            return allowed(authorized);
        };

        if (type == CallType.TOLL_FREE_INBOUND) { // INV-CALL-07: credit only, denied at zero
            if (account == null) {
                return deny.with(DenyReason.ACCOUNT_NOT_FOUND);
            }
            if (rate == null) {
                return deny.with(DenyReason.NO_RATE_FOR_DESTINATION);
            }
            return onCredit(tenant, callId, null, account, rate, false, null, null, now, month, deny, grant);
        }
        CallingEntitlements.Verdict verdict = CallingEntitlements.decide(new CallingEntitlements.Call(profile.known(),
                profile.skus(),
                profile.usageLocation(), profile.dialOutPolicy(), type, destinationCountry));
        if (verdict instanceof CallingEntitlements.Denied denied) { // INV-CALL-12, INV-CALL-13
            return deny.with(denied.reason());
        }
        CallingEntitlements.Entitled entitled = (CallingEntitlements.Entitled) verdict;
        PoolRef pool = entitled.firstPool().map(kind -> poolRef(kind, profile, now)).orElse(null);
        if (pool != null) { // INV-CALL-08: the pool pays first
            PoolStatus status = commands.sendAndWait(join(tenant, callId, userId, pool, holders(profile, pool), 0));
            if (status.remainingMinutes() > 0) {
                return grant.with(FundedBy.INCLUDED_MINUTES, pool, null, status.remainingMinutes() * 60,
                        profile.usageLocation());
            }
        }
        Optional<DenyReason> refused = CallingEntitlements.creditsRefusal(entitled, account != null);
        if (refused.isPresent()) {
            return deny.with(refused.get());
        }
        if (rate == null) {
            return deny.with(DenyReason.NO_RATE_FOR_DESTINATION);
        }
        return onCredit(tenant, callId, userId, account, rate, true, pool, profile.usageLocation(), now, month, deny,
                grant);
    }

    private Decision onCredit(TenantId tenant, CallId callId, UserId userId, AccountStanding account, Rate rate,
                              boolean postpaidAllowed, PoolRef pool, CountryCode usageLocation, Instant now,
                              String month, Denial deny, Grant grant) {
        boolean mca = account.billingAgreement() == BillingAgreement.MCA;
        Money budget = account.available();
        Optional<SpendLimitQueries.Standing> limit = spendLimits.of(tenant, userId, month)
                .filter(l -> l.limit().currency().equals(rate.currency()));
        if (limit.isPresent()) { // INV-CALL-11: the user's monthly limit caps what a call may cost
            Money remaining = limit.get().remaining();
            if (Rating.affordableMinutes(rate, remaining, 1) == 0) {
                return deny.with(DenyReason.USER_SPEND_LIMIT_REACHED);
            }
            budget = budget.min(remaining);
        }
        if (postpaidAllowed && account.isPostpaid()) { // INV-CALL-09: a drained MCA account is billed after the fact
            return grant.with(FundedBy.POSTPAID, pool, null, null, usageLocation);
        }
        long affordable = Rating.affordableMinutes(rate, budget, maxReservedMinutes);
        FundsReserved reserved = null;
        String reservationId = "call-" + callId.value();
        if (affordable > 0) {
            Instant expiresAt = now.plusSeconds(affordable * 60).plus(holdGrace); // INV-CALL-04
            reserved = commands.sendAndWait(new ReserveFunds(tenant, reservationId, Rating.charge(rate, affordable),
                    true, expiresAt));
        }
        long covered = reserved == null ? 0 : Rating.affordableMinutes(rate, reserved.amount(), affordable);
        if (covered == 0) {
            if (reserved != null) {
                commands.sendAndWait(new ReleaseReservation(tenant, reservationId, ReservationReleased.Reason.RELEASED));
            }
            return postpaidAllowed && mca ? grant.with(FundedBy.POSTPAID, pool, null, null, usageLocation)
                    : deny.with(DenyReason.INSUFFICIENT_CREDITS);
        }
        return grant.with(FundedBy.CREDITS, pool, reservationId, covered * 60, usageLocation);
    }

    // ---- completion ----------------------------------------------------------------------------------

    public Settlement complete(TenantId tenant, CallId callId, long durationSeconds, Instant endedAt) {
        return inOneUnitOfWork(() -> {
            CallQueries.Known known = history.of(tenant, callId);
            if (known.completed() != null) { // INV-CALL-03: a repeat answers the first settlement
                return settlementOf(known.completed());
            }
            CallAuthorized call = known.authorized();
            if (call == null) { // INV-CALL-02
                throw new LedgerException(ErrorCode.CALL_NOT_AUTHORIZED, "Call " + callId + " was not authorised"
                        + (known.denied() != null ? " (denied: " + known.denied().reason() + ")" : ""));
            }
            Instant started = call.authorizedAt();
            Instant ended = endedAt != null ? endedAt : started.plusSeconds(durationSeconds);
            if (ended.isBefore(started)) {
                throw new LedgerException(ErrorCode.INVALID_INSTANT, "endedAt must not be before the authorisation at " + started);
            }
            return settle(tenant, callId, call.userId(), call.usageLocation(), call.destination(),
                    call.destinationCountry(), call.callType(), call.pool(), 0, call.rate(), call.reservationId(), started,
                    ended, durationSeconds, monthOf(call.month(), started), true);
        });
    }

    /** Rates the whole duration (INV-CALL-10), pool first, the rest to credit, then records the call. */
    private Settlement settle(TenantId tenant, CallId callId, UserId userId, CountryCode usageLocation,
                              E164Number destination, CountryCode destinationCountry, CallType type, PoolRef pool,
                              long holders, Rate rate, String reservationId, Instant started, Instant ended,
                              long durationSeconds, String month, boolean viaAuthorization) {
        long billed = Rating.billedMinutes(durationSeconds);
        long fromPool = 0;
        if (pool != null && userId != null && billed > 0) {
            fromPool = commands.<PoolStatus>sendAndWait(join(tenant, callId, userId, pool, holders, billed)).taken();
        }
        long creditMinutes = billed - fromPool;
        AccountStanding account = null;
        if (rate == null && creditMinutes > 0) { // a pool call that spilled over, rated now at its start
            account = standing(tenant);
            rate = account == null ? null : rates.find(account.currency(), destination.digits(), started);
        }
        String currency = rate != null ? rate.currency() : account != null ? account.currency() : "USD";
        Money charge = rate == null ? Money.zero(currency) : Rating.charge(rate, creditMinutes);
        Money zero = Money.zero(currency);
        ChargeOutcome outcome = new ChargeOutcome(callId.value(), zero, zero, zero, null);
        if (charge.isPositive()) {
            try {
                outcome = commands.sendAndWait(new ChargeUsage(tenant, callId.value(), callId.value(), reservationId, charge));
            } catch (AggregateNotFoundException noAccount) {
                outcome = new ChargeOutcome(callId.value(), zero, zero, charge, null);
            }
        } else if (reservationId != null) {
            commands.sendAndWait(new ReleaseReservation(tenant, reservationId, ReservationReleased.Reason.RELEASED));
        }
        if (userId != null && charge.isPositive()) {
            if (spendLimits.of(tenant, userId, month).isPresent()) {
                commands.sendAndWait(new RecordUserSpend(tenant, userId, callId, month, charge));
            }
        }
        FundedBy fundedBy = creditMinutes == 0 && pool != null ? FundedBy.INCLUDED_MINUTES
                : outcome.postpaid().isPositive() && !outcome.fromCredits().isPositive() ? FundedBy.POSTPAID
                : FundedBy.CREDITS;
        CallCompleted completed = new CallCompleted(tenant, callId, userId, usageLocation, destination,
                destinationCountry, type, started, ended, durationSeconds, billed, pool, fromPool, rate, charge,
                outcome.fromCredits(), outcome.postpaid(), outcome.unfunded(), outcome.balanceAfter(), fundedBy,
                viaAuthorization, clock.instant(), month);
        commands.sendAndWait(new RecordCallCompletion(completed));
        return settlementOf(completed);
    }

    // ---- batch import --------------------------------------------------------------------------------

    /** INV-CALL-05: each record rated and charged like a completion; a call id seen before is ignored. */
    public List<ImportResult> importRecords(TenantId tenant, List<UsageRecord> records) {
        Set<CallId> seen = history.seenBefore(tenant, records.stream().map(UsageRecord::callId).distinct().toList());
        AccountStanding account = standing(tenant); // only its currency is used: one look-up per batch
        ZoneId poolTimeZone = profile(tenant, null).poolTimeZone(); // INV-POOL-06: one look-up per batch
        Map<UserId, UserCallingProfile> profiles = new HashMap<>();
        List<ImportResult> results = new ArrayList<>(records.size());
        // Units of work of IMPORT_CHUNK records, all in the caller's one transaction: Axon stages a unit's
        // events with a list scan per nested command, which grows quadratically with the unit's size.
        for (int from = 0; from < records.size(); from += IMPORT_CHUNK) {
            List<UsageRecord> chunk = records.subList(from, Math.min(records.size(), from + IMPORT_CHUNK));
            results.addAll(inOneUnitOfWork(() -> chunk.stream().map(record -> {
                if (!seen.add(record.callId())) {
                    return new ImportResult(record.callId(), "DUPLICATE", null, "already recorded; ignored", null);
                }
                return importOne(tenant, account, poolTimeZone, profiles, record);
            }).toList()));
        }
        return results;
    }

    private ImportResult importOne(TenantId tenant, AccountStanding account, ZoneId poolTimeZone,
                                   Map<UserId, UserCallingProfile> profiles, UsageRecord record) {
        Rate rate = account == null ? null : rates.find(account.currency(), record.destination().digits(), record.startedAt());
        CountryCode destinationCountry = PhoneCountries.of(record.destination());
        PoolRef pool = null;
        long holders = 0;
        CountryCode usageLocation = null;
        UserId userId = record.callType() == CallType.TOLL_FREE_INBOUND ? null : record.userId();
        if (userId != null) {
            UserCallingProfile profile = profiles.computeIfAbsent(userId, user -> profile(tenant, user));
            if (profile.known() && profile.usageLocation() != null) {
                usageLocation = profile.usageLocation();
                // A record is of a call that happened: only which pool pays is asked, not whether it was allowed.
                CallingEntitlements.Verdict verdict = CallingEntitlements.decide(new CallingEntitlements.Call(
                        profile.skus(), usageLocation, DialOutPolicy.UNRESTRICTED, record.callType(), destinationCountry));
                pool = verdict instanceof CallingEntitlements.Entitled entitled
                        ? entitled.firstPool().map(kind -> poolRef(kind, profile, record.startedAt())).orElse(null) : null;
                holders = pool == null ? 0 : holders(profile, pool);
            }
        }
        if (rate == null && pool == null) {
            DenyReason reason = account == null ? DenyReason.ACCOUNT_NOT_FOUND : DenyReason.NO_RATE_FOR_DESTINATION;
            return new ImportResult(record.callId(), "REJECTED", reason.name(), account == null
                    ? "the tenant has no credit account" : "no rate for " + record.destination(), null);
        }
        Settlement settlement = settle(tenant, record.callId(), userId, usageLocation, record.destination(),
                destinationCountry, record.callType(), pool, holders, rate, null, record.startedAt(),
                record.startedAt().plusSeconds(record.durationSeconds()), record.durationSeconds(),
                YearMonth.from(record.startedAt().atZone(poolTimeZone)).toString(), false);
        return new ImportResult(record.callId(), "RECORDED", null, null, settlement);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** The pool of {@code kind} in the user's pool country and the month of {@code at} (INV-POOL-03, INV-POOL-06). */
    private static PoolRef poolRef(PoolKind kind, UserCallingProfile profile, Instant at) {
        return new PoolRef(kind, CallingEntitlements.poolCountry(profile.usageLocation()), profile.monthOf(at).toString());
    }

    /** The month an authorisation recorded; a revision-1 authorisation (before pool time zones) is UTC. */
    private static String monthOf(String recorded, Instant at) {
        return recorded != null ? recorded : YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
    }

    /** INV-POOL-01: the tenant's users holding the pool's plan in its country, as licensing counts them now. */
    private static long holders(UserCallingProfile profile, PoolRef pool) {
        return profile.holdersOf(pool.kind().sku());
    }

    private static ConsumePoolMinutes join(TenantId tenant, CallId callId, UserId userId, PoolRef pool, long holders,
                                           long minutes) {
        PoolKind kind = pool.kind();
        return new ConsumePoolMinutes(tenant, kind, pool.country(), YearMonth.parse(pool.month()), userId,
                PoolSizes.perUserMinutes(kind, pool.country()), holders, callId, minutes);
    }

    private AccountStanding standing(TenantId tenant) {
        return queries.query(new FindAccountStanding(tenant), ResponseTypes.instanceOf(AccountStanding.class)).join();
    }

    private UserCallingProfile profile(TenantId tenant, UserId user) {
        return queries.query(new FindUserCallingProfile(tenant, user), ResponseTypes.instanceOf(UserCallingProfile.class))
                .join();
    }

    private static Decision allowed(CallAuthorized authorized) {
        return new Decision("ALLOW", authorized.fundedBy(), authorized.maxDurationSeconds(), null);
    }

    private static Settlement settlementOf(CallCompleted completed) {
        return new Settlement(completed.minutesFromPool(), completed.charge(), completed.balanceAfter());
    }

    /** Runs {@code work} as one root unit of work (joining the caller's transaction), unless one is active. */
    private static <R> R inOneUnitOfWork(Supplier<R> work) {
        if (CurrentUnitOfWork.isStarted()) {
            return work.get();
        }
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        try {
            R result = work.get();
            unit.commit();
            return result;
        } catch (RuntimeException | Error failure) {
            if (unit.isActive()) {
                unit.rollback(failure);
            }
            throw failure;
        }
    }

    @FunctionalInterface
    private interface Denial {
        Decision with(DenyReason reason);
    }

    @FunctionalInterface
    private interface Grant {
        Decision with(FundedBy fundedBy, PoolRef pool, String reservationId, Long maxDurationSeconds,
                      CountryCode usageLocation);
    }
}
