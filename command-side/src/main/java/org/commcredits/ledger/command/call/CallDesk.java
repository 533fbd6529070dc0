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

    /** Whether a call may be placed: the contract's {@code decision}. */
    public enum Verdict { ALLOW, DENY }

    public record Decision(Verdict decision, FundedBy fundedBy, Long maxDurationSeconds, DenyReason reason) {
    }

    public record Settlement(long minutesFromPool, Money chargedAmount, Money balance) {
    }

    public record UsageRecord(CallId callId, UserId userId, E164Number destination, CallType callType,
                              Instant startedAt, long durationSeconds) {
    }

    /** What became of one usage record. */
    public enum ImportStatus { RECORDED, DUPLICATE, REJECTED }

    public record ImportResult(CallId callId, ImportStatus status, String code, String detail, Settlement settlement) {
    }

    // ---- authorisation -------------------------------------------------------------------------------

    public Decision authorize(TenantId tenant, CallId callId, UserId userId, E164Number destination, CallType type) {
        return inOneUnitOfWork(() -> {
            CallQueries.Known known = history.of(tenant, callId);
            if (known.authorized() != null) { // INV-CALL-01: a repeat answers the first decision
                return allowed(known.authorized());
            }
            if (known.denied() != null) {
                return new Decision(Verdict.DENY, null, null, known.denied().reason());
            }
            if (known.completed() != null) {
                return new Decision(Verdict.ALLOW, known.completed().fundedBy(), known.completed().durationSeconds(), null);
            }
            CallFacts facts = gather(tenant, callId, userId, destination, type, clock.instant());
            CallDecisions.Authorization decided = CallDecisions.decide(facts, maxReservedMinutes);
            if (decided instanceof CallDecisions.HoldCredits hold) {
                decided = CallDecisions.afterHold(facts, hold, reserve(facts, hold));
            }
            return record(facts, decided);
        });
    }

    /** Reads what the decision needs, once; joining the pool (0 minutes) is how its minutes left are read. */
    private CallFacts gather(TenantId tenant, CallId callId, UserId userId, E164Number destination, CallType type,
                             Instant now) {
        CountryCode destinationCountry = PhoneCountries.of(destination);
        AccountStanding account = standing(tenant);
        Rate rate = account == null ? null : rates.find(account.currency(), destination.digits(), now);
        boolean tollFree = type == CallType.TOLL_FREE_INBOUND;
        UserCallingProfile profile = profile(tenant, tollFree ? null : userId);
        String month = profile.monthOf(now).toString(); // INV-POOL-06: the tenant's month of the call's start
        CallingEntitlements.Verdict verdict = CallingEntitlements.decide(new CallingEntitlements.Call(profile.known(),
                profile.skus(), profile.usageLocation(), profile.dialOutPolicy(), type, destinationCountry));
        PoolRef pool = verdict instanceof CallingEntitlements.Entitled entitled
                ? entitled.firstPool().map(kind -> poolRef(kind, profile, now)).orElse(null) : null;
        long poolMinutesLeft = pool == null ? 0
                : commands.<PoolStatus>sendAndWait(join(tenant, callId, userId, pool, holders(profile, pool), 0))
                        .remainingMinutes();
        Optional<SpendLimitQueries.Standing> limit = tollFree || account == null ? Optional.empty()
                : spendLimits.of(tenant, userId, month);
        return new CallFacts(tenant, callId, userId, destination, destinationCountry, type, now, month, account, rate,
                profile, verdict, pool, poolMinutesLeft, limit);
    }

    private FundsReserved reserve(CallFacts facts, CallDecisions.HoldCredits hold) {
        Instant expiresAt = facts.now().plusSeconds(hold.minutes() * 60).plus(holdGrace); // INV-CALL-04
        FundsReserved reserved = commands.sendAndWait(new ReserveFunds(facts.tenant(), hold.reservationId(),
                hold.amount(), true, expiresAt));
        if (reserved != null && Rating.affordableMinutes(facts.rate(), reserved.amount(), hold.minutes()) == 0) {
            commands.sendAndWait(new ReleaseReservation(facts.tenant(), hold.reservationId(),
                    ReservationReleased.Reason.RELEASED));
        }
        return reserved;
    }

    /** Stores the decision on the call and answers it. */
    private Decision record(CallFacts facts, CallDecisions.Authorization decided) {
        if (decided instanceof CallDecisions.Deny deny) {
            commands.sendAndWait(new RecordCallAuthorization(facts.tenant(), facts.callId(), null,
                    new CallDenied(facts.tenant(), facts.callId(), facts.userId(), facts.destination(), facts.type(),
                            deny.reason(), facts.now())));
            return new Decision(Verdict.DENY, null, null, deny.reason());
        }
        CallDecisions.Grant grant = (CallDecisions.Grant) decided;
        CountryCode usageLocation = facts.type() == CallType.TOLL_FREE_INBOUND ? null : facts.profile().usageLocation();
        CallAuthorized authorized = new CallAuthorized(facts.tenant(), facts.callId(), facts.caller(), usageLocation,
                facts.destination(), facts.destinationCountry(), facts.type(), grant.fundedBy(), grant.pool(),
                grant.reservationId(), grant.maxDurationSeconds(), facts.rate(), facts.now(), facts.month());
        commands.sendAndWait(new RecordCallAuthorization(facts.tenant(), facts.callId(), authorized, null));
        return allowed(authorized);
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
            return settle(new Usage(tenant, callId, call.userId(), call.usageLocation(), call.destination(),
                    call.destinationCountry(), call.callType(), call.pool(), 0, call.rate(), call.reservationId(), started,
                    ended, durationSeconds, monthOf(call.month(), started), true));
        });
    }

    /**
     * A call to rate and pay for: an authorised call being completed, or an imported record. {@code holders}
     * sizes a pool first touched by this call (0 when the authorisation already joined it); {@code rate} is
     * null when the authorisation had none (a pool call) or the import found none.
     */
    private record Usage(TenantId tenant, CallId callId, UserId userId, CountryCode usageLocation,
                         E164Number destination, CountryCode destinationCountry, CallType type, PoolRef pool,
                         long holders, Rate rate, String reservationId, Instant started, Instant ended,
                         long durationSeconds, String month, boolean viaAuthorization) {
    }

    /**
     * Rates the whole duration (INV-CALL-10), pool first, the rest to credit, then records the call. The
     * currency is the rate's, else the account's; a tenant without a credit account and without a rate has
     * none, and the call's amounts are recorded as absent (null), not as zero in a guessed currency.
     */
    private Settlement settle(Usage usage) {
        TenantId tenant = usage.tenant();
        CallId callId = usage.callId();
        long billed = Rating.billedMinutes(usage.durationSeconds());
        long fromPool = 0;
        if (usage.pool() != null && usage.userId() != null && billed > 0) {
            fromPool = commands.<PoolStatus>sendAndWait(join(tenant, callId, usage.userId(), usage.pool(),
                    usage.holders(), billed)).taken();
        }
        long creditMinutes = billed - fromPool;
        Rate rate = usage.rate();
        String currency = rate == null ? null : rate.currency();
        if (rate == null) { // a pool call (or an unrated record): its currency is the account's, if any
            AccountStanding account = standing(tenant);
            currency = account == null ? null : account.currency();
            if (account != null && creditMinutes > 0) { // a pool call that spilled over, rated now at its start
                rate = rates.find(account.currency(), usage.destination().digits(), usage.started());
            }
        }
        Money charge = currency == null ? null : rate == null ? Money.zero(currency) : Rating.charge(rate, creditMinutes);
        ChargeOutcome outcome = currency == null ? new ChargeOutcome(callId.value(), null, null, null, null)
                : pay(usage, charge);
        if (usage.userId() != null && charge != null && charge.isPositive()
                && spendLimits.of(tenant, usage.userId(), usage.month()).isPresent()) {
            commands.sendAndWait(new RecordUserSpend(tenant, usage.userId(), callId, usage.month(), charge));
        }
        FundedBy fundedBy = creditMinutes == 0 && usage.pool() != null ? FundedBy.INCLUDED_MINUTES
                : outcome.postpaid() != null && outcome.postpaid().isPositive() && !outcome.fromCredits().isPositive()
                ? FundedBy.POSTPAID : FundedBy.CREDITS;
        CallCompleted completed = new CallCompleted(tenant, callId, usage.userId(), usage.usageLocation(),
                usage.destination(), usage.destinationCountry(), usage.type(), usage.started(), usage.ended(),
                usage.durationSeconds(), billed, usage.pool(), fromPool, rate, charge, outcome.fromCredits(),
                outcome.postpaid(), outcome.unfunded(), outcome.balanceAfter(), fundedBy, usage.viaAuthorization(),
                clock.instant(), usage.month());
        commands.sendAndWait(new RecordCallCompletion(completed));
        return settlementOf(completed);
    }

    /** Charges {@code charge} to the account (what it cannot cover is unfunded), or releases the call's hold. */
    private ChargeOutcome pay(Usage usage, Money charge) {
        Money zero = Money.zero(charge.currency());
        String callId = usage.callId().value();
        if (charge.isPositive()) {
            try {
                return commands.sendAndWait(new ChargeUsage(usage.tenant(), callId, callId, usage.reservationId(), charge));
            } catch (AggregateNotFoundException noAccount) {
                return new ChargeOutcome(callId, zero, zero, charge, null);
            }
        }
        if (usage.reservationId() != null) {
            commands.sendAndWait(new ReleaseReservation(usage.tenant(), usage.reservationId(),
                    ReservationReleased.Reason.RELEASED));
        }
        return new ChargeOutcome(callId, zero, zero, zero, null);
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
                    return new ImportResult(record.callId(), ImportStatus.DUPLICATE, null, "already recorded; ignored", null);
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
            return new ImportResult(record.callId(), ImportStatus.REJECTED, reason.name(), account == null
                    ? "the tenant has no credit account" : "no rate for " + record.destination(), null);
        }
        Settlement settlement = settle(new Usage(tenant, record.callId(), userId, usageLocation, record.destination(),
                destinationCountry, record.callType(), pool, holders, rate, null, record.startedAt(),
                record.startedAt().plusSeconds(record.durationSeconds()), record.durationSeconds(),
                YearMonth.from(record.startedAt().atZone(poolTimeZone)).toString(), false));
        return new ImportResult(record.callId(), ImportStatus.RECORDED, null, null, settlement);
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
        return new Decision(Verdict.ALLOW, authorized.fundedBy(), authorized.maxDurationSeconds(), null);
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
}
