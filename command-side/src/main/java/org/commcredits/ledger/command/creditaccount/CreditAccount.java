package org.commcredits.ledger.command.creditaccount;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.commcredits.ledger.api.creditaccount.AccountStanding;
import org.commcredits.ledger.api.creditaccount.AddFunds;
import org.commcredits.ledger.api.creditaccount.AttemptRecharge;
import org.commcredits.ledger.api.creditaccount.AutoRechargeConfigured;
import org.commcredits.ledger.api.creditaccount.BalanceDepleted;
import org.commcredits.ledger.api.creditaccount.BalanceRecovered;
import org.commcredits.ledger.api.creditaccount.ConfigureLowBalanceAlert;
import org.commcredits.ledger.api.creditaccount.LowBalanceAlertConfigured;
import org.commcredits.ledger.api.creditaccount.LowBalanceAlertRaised;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.BillingAgreementChanged;
import org.commcredits.ledger.api.creditaccount.ChangeBillingAgreement;
import org.commcredits.ledger.api.creditaccount.ChargeOutcome;
import org.commcredits.ledger.api.creditaccount.ChargeUsage;
import org.commcredits.ledger.api.creditaccount.CommunicationCreditsEnabled;
import org.commcredits.ledger.api.creditaccount.ConfigureAutoRecharge;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.CreditNoteIssued;
import org.commcredits.ledger.api.creditaccount.FundsGranted;
import org.commcredits.ledger.api.creditaccount.FundsRefunded;
import org.commcredits.ledger.api.creditaccount.GrantFunds;
import org.commcredits.ledger.api.creditaccount.RefundTranche;
import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.commcredits.ledger.api.creditaccount.InvoiceKind;
import org.commcredits.ledger.api.creditaccount.InvoiceLine;
import org.commcredits.ledger.api.creditaccount.InvoiceStatus;
import org.commcredits.ledger.api.creditaccount.IssuePostpaidInvoice;
import org.commcredits.ledger.api.creditaccount.LowBalanceWarned;
import org.commcredits.ledger.api.creditaccount.OpenCreditAccount;
import org.commcredits.ledger.api.creditaccount.PaymentMethodSet;
import org.commcredits.ledger.api.creditaccount.PostpaidUsageRecorded;
import org.commcredits.ledger.api.creditaccount.ProcessDueWork;
import org.commcredits.ledger.api.creditaccount.RechargeCancelled;
import org.commcredits.ledger.api.creditaccount.RechargeFailed;
import org.commcredits.ledger.api.creditaccount.RechargeTriggered;
import org.commcredits.ledger.api.creditaccount.ReleaseReservation;
import org.commcredits.ledger.api.creditaccount.ReservationReleased;
import org.commcredits.ledger.api.creditaccount.ReserveFunds;
import org.commcredits.ledger.api.creditaccount.SetPaymentMethod;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TrancheExpiringSoon;
import org.commcredits.ledger.api.creditaccount.TrancheHold;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.commcredits.ledger.api.creditaccount.UnfundedUsageRecorded;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.command.payment.PaymentProvider;
import org.commcredits.ledger.command.payment.PaymentRequest;
import org.commcredits.ledger.command.payment.PaymentResult;
import org.commcredits.ledger.command.payment.RefundRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's prepaid credit balance: tranches of purchased credit drawn oldest first, each expiring 12 months
 * after purchase; holds for authorised calls; auto-recharge through the payment provider; invoices; and the
 * Microsoft Customer Agreement's drain-then-postpaid rule. Package-private: only the command bus reaches it.
 *
 * <p>Every command handler first applies what fell due at the clock's instant ({@link #catchUp}), so a command
 * that arrives after an expiry instant but before the sweep sees the tranche as expired (INV-CA-05).
 *
 * <p>Revision 2 of its snapshots added the tranches' invoices and grants, and the ended tranches; snapshots of
 * an earlier revision are ignored (Axon's revision filter) and the account loads from its events.
 */
@Revision("2")
@Aggregate(snapshotTriggerDefinition = "creditAccountSnapshotTrigger", cache = "creditAccountCache")
class CreditAccount {

    /**
     * How many recent charges are remembered for {@code ChargeUsage} idempotency: bounded, so that a snapshot
     * stays small and a long-lived account loads in constant time (INV-CA-17). A retried charge arrives
     * within seconds, long before 256 later charges; the call path keeps its own per-call guard too.
     */
    static final int REMEMBERED_CHARGES = 256;
    static final String EXPIRED = "EXPIRED";
    static final String REFUNDED = "REFUNDED";
    /** The longest reason a grant or a refund may carry. */
    static final int MAX_REASON = 500;

    @AggregateIdentifier
    private String id;
    private TenantId tenantId;
    private String currency;
    private BillingAgreement billingAgreement;
    /**
     * Live tranches in the order they are drawn: soonest expiry first, then oldest first (INV-CA-21), which for
     * purchases alone is the FIFO order of INV-CA-04.
     */
    private List<Tranche> tranches = new ArrayList<>();
    /** Tranches that are gone, and why ({@link #EXPIRED} or {@link #REFUNDED}), so a refund can say so. */
    private Map<String, String> endedTranches = new HashMap<>();
    private long creditNotesIssued;
    private Map<String, Reservation> reservations = new LinkedHashMap<>();
    private long invoicesIssued;
    private boolean communicationCreditsEnabled;
    private String paymentMethodToken;
    private Money autoRechargeThreshold;
    private Money lowBalanceAlert;
    private boolean lowBalanceAlerted;
    private Money autoRechargeAmount;
    private PendingRecharge pendingRecharge;
    private long rechargesTriggered;
    private boolean rechargeAbandoned;
    /** Postpaid usage per month (YYYY-MM) not yet invoiced. */
    private TreeMap<String, Money> postpaidByMonth = new TreeMap<>();
    private LinkedHashMap<String, ChargeRecord> recentCharges = new LinkedHashMap<>();

    CreditAccount() {
        // for Axon
    }

    // ---------------------------------------------------------------- opening and settings

    /** INV-CA-01: one account per tenant, in one currency. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenCreditAccount command, Clock clock) {
        if (tenantId != null) {
            throw new LedgerException(ErrorCode.ACCOUNT_EXISTS, "Tenant " + command.tenantId() + " already has a credit account");
        }
        apply(new CreditAccountOpened(command.tenantId(), command.currency(), command.billingAgreement(),
                clock.instant(), command.requestedBy()));
    }

    @CommandHandler
    void handle(SetPaymentMethod command, Clock clock) {
        Instant now = clock.instant();
        catchUp(now);
        apply(new PaymentMethodSet(tenantId, command.type(), command.token(), command.requestedBy(), now));
    }

    /**
     * INV-CA-02 (amount at least 50.00), INV-CA-12 (not on MCA), INV-CA-15 (needs a payment method), in the
     * contract's order. Turning off cancels a pending recharge (INV-CA-07).
     */
    @CommandHandler
    void handle(ConfigureAutoRecharge command, Clock clock) {
        Instant now = clock.instant();
        if (!command.enabled()) {
            catchUp(now);
            cancelPendingRecharge("auto-recharge turned off", now);
            if (autoRechargeAmount != null) {
                apply(new AutoRechargeConfigured(tenantId, false, null, null, command.requestedBy(), now));
            }
            return;
        }
        Money threshold = FundingRules.inCurrency(command.threshold(), currency);
        Money amount = FundingRules.inCurrency(command.amount(), currency);
        FundingRules.requireMinimum(amount);
        if (billingAgreement == BillingAgreement.MCA) { // INV-CA-12
            throw new LedgerException(ErrorCode.AUTO_RECHARGE_NOT_ALLOWED_FOR_MCA,
                    "Accounts on a Microsoft Customer Agreement cannot enable auto-recharge");
        }
        requirePaymentMethod();
        catchUp(now);
        if (!(threshold.equals(autoRechargeThreshold) && amount.equals(autoRechargeAmount))) {
            apply(new AutoRechargeConfigured(tenantId, true, threshold, amount, command.requestedBy(), now));
        }
    }

    /**
     * INV-CA-20: sets or clears the low-balance alert. A balance already below a new threshold raises the alert at
     * once: that is the crossing the owner asked to hear about. Setting the current threshold changes nothing.
     */
    @CommandHandler
    void handle(ConfigureLowBalanceAlert command, Clock clock) {
        Money threshold = command.threshold() == null ? null : FundingRules.inCurrency(command.threshold(), currency);
        Instant now = clock.instant();
        catchUp(now);
        if (java.util.Objects.equals(threshold, lowBalanceAlert)) {
            return;
        }
        apply(new LowBalanceAlertConfigured(tenantId, threshold, command.requestedBy(), now));
        if (threshold != null && balance().isLessThan(threshold)) {
            apply(new LowBalanceAlertRaised(tenantId, balance(), threshold, now));
        }
    }

    /** INV-CA-12: switching to MCA needs auto-recharge off; asking for the current agreement changes nothing. */
    @CommandHandler
    void handle(ChangeBillingAgreement command, Clock clock) {
        Instant now = clock.instant();
        if (command.billingAgreement() == billingAgreement) {
            return;
        }
        if (command.billingAgreement() == BillingAgreement.MCA && autoRechargeAmount != null) {
            throw new LedgerException(ErrorCode.AUTO_RECHARGE_MUST_BE_OFF,
                    "Turn auto-recharge off before switching to a Microsoft Customer Agreement");
        }
        catchUp(now);
        cancelPendingRecharge("switched to " + command.billingAgreement(), now);
        apply(new BillingAgreementChanged(tenantId, billingAgreement, command.billingAgreement(), command.requestedBy(), now));
    }

    // ---------------------------------------------------------------- buying credit

    /**
     * A manual purchase: checks in the contract's order (INV-CA-02, INV-CA-12, INV-CA-15), then the payment;
     * a declined or unanswered payment adds nothing (INV-CA-15).
     */
    @CommandHandler
    FundsAdded handle(AddFunds command, Clock clock, PaymentProvider payments) {
        Money amount = FundingRules.inCurrency(command.amount(), currency);
        FundingRules.requireMinimum(amount);
        if (billingAgreement == BillingAgreement.MCA) { // INV-CA-12
            throw new LedgerException(ErrorCode.MCA_CANNOT_BUY_CREDITS,
                    "Accounts on a Microsoft Customer Agreement cannot buy credits");
        }
        requirePaymentMethod();
        PaymentResult payment = payments.charge(new PaymentRequest(tenantId, paymentMethodToken, amount,
                "funding/" + command.trancheId()));
        if (payment instanceof PaymentResult.Declined declined) {
            throw new LedgerException(ErrorCode.PAYMENT_DECLINED, "The payment was declined: " + declined.detail());
        }
        if (payment instanceof PaymentResult.Unavailable unavailable) {
            throw new LedgerException(ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE, unavailable.detail() + "; nothing was charged");
        }
        Instant now = clock.instant();
        catchUp(now);
        return addTranche(command.trancheId(), command.invoiceId(), amount, FundingSource.MANUAL, null, now,
                command.poNumber());
    }

    /**
     * INV-CA-07: takes the pending recharge's payment when its attempt is due; a failure is retried after the
     * policy's backoff, and abandoned when the retries are used up. Never two recharges in flight.
     */
    @CommandHandler
    void handle(AttemptRecharge command, Clock clock, PaymentProvider payments, CreditAccountPolicy policy) {
        Instant now = clock.instant();
        if (pendingRecharge == null || !pendingRecharge.rechargeId().equals(command.rechargeId())
                || now.isBefore(pendingRecharge.nextAttemptAt())) {
            return; // no longer pending, or a repeat before the next attempt is due
        }
        catchUp(now);
        if (billingAgreement != BillingAgreement.DIRECT || autoRechargeAmount == null) {
            cancelPendingRecharge("auto-recharge no longer applies", now);
            return;
        }
        PendingRecharge recharge = pendingRecharge;
        int attempt = recharge.failedAttempts() + 1;
        PaymentResult payment = paymentMethodToken == null
                ? new PaymentResult.Declined("No payment method on the account")
                : payments.charge(new PaymentRequest(tenantId, paymentMethodToken, recharge.amount(),
                recharge.rechargeId() + "/" + attempt));
        if (payment instanceof PaymentResult.Paid) {
            addTranche(recharge.rechargeId() + "-tranche", recharge.rechargeId() + "-invoice", recharge.amount(),
                    FundingSource.AUTO_RECHARGE, recharge.rechargeId(), now, null);
            return;
        }
        Duration wait = policy.retryAfter(attempt);
        apply(new RechargeFailed(tenantId, recharge.rechargeId(), attempt,
                paymentMethodToken == null ? ErrorCode.NO_PAYMENT_METHOD.name() : payment.code(),
                wait == null ? null : now.plus(wait), now));
    }

    private FundsAdded addTranche(String trancheId, String invoiceId, Money amount, FundingSource source,
                                  String rechargeId, Instant now, String poNumber) {
        FundsAdded added = new FundsAdded(tenantId, trancheId, amount, now, FundingRules.expiryOf(now), invoiceId,
                source, rechargeId, balance().plus(amount));
        apply(added);
        afterBalanceRose(now);
        // INV-CA-08: every funding issues a paid invoice with the next per-tenant number
        apply(new InvoiceIssued(tenantId, invoiceId, invoicesIssued + 1, InvoiceKind.FUNDING, now,
                List.of(new InvoiceLine(InvoiceLine.COMMUNICATION_CREDITS, amount)), amount, InvoiceStatus.PAID, trancheId,
                poNumber));
        enableCommunicationCredits(trancheId, now);
        return added;
    }

    private void afterBalanceRose(Instant now) {
        if (lowBalanceAlert != null && lowBalanceAlerted && !balance().isLessThan(lowBalanceAlert)) { // INV-CA-20
            apply(new BalanceRecovered(tenantId, balance(), lowBalanceAlert, now));
        }
    }

    private void enableCommunicationCredits(String trancheId, Instant now) {
        if (!communicationCreditsEnabled) { // INV-CA-09
            apply(new CommunicationCreditsEnabled(tenantId, now, trancheId));
        }
    }

    // ---------------------------------------------------------------- grants and refunds

    /**
     * INV-CA-21: a goodwill grant is a tranche with no payment and no invoice, expiring after 12 months or at an
     * earlier {@code expiresAt}; it is drawn in expiry order among the purchases. Like a funding, it lets the
     * tenant's users hold the Communication Credits license (INV-CA-09).
     */
    @CommandHandler
    FundsGranted handle(GrantFunds command, Clock clock) {
        Money amount = FundingRules.inCurrency(command.amount(), currency);
        if (!amount.isPositive()) {
            throw new LedgerException(ErrorCode.INVALID_AMOUNT, "A grant must be more than zero");
        }
        Instant now = clock.instant();
        Instant latest = FundingRules.expiryOf(now);
        Instant expiresAt = command.expiresAt() == null ? latest : command.expiresAt();
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(latest)) {
            throw new LedgerException(ErrorCode.INVALID_EXPIRY,
                    "expiresAt must be after now and at most 12 months ahead (" + latest + ")");
        }
        catchUp(now);
        FundsGranted granted = new FundsGranted(tenantId, command.trancheId(), amount, now, expiresAt, command.reason(),
                command.requestedBy(), balance().plus(amount));
        apply(granted);
        afterBalanceRose(now);
        enableCommunicationCredits(command.trancheId(), now);
        return granted;
    }

    /**
     * INV-CA-22: the unused remainder of a paid tranche goes back through the payment provider, less what is held
     * for calls in progress; a credit note with the next number of its own series records it. Checks in the
     * contract's order: the tranche exists, has not expired, was paid and has something left; then the refund.
     * Nothing changes when the provider declines or does not answer. A refund never triggers an auto-recharge
     * (the owner lowered the balance on purpose); the next charge below the threshold does.
     */
    @CommandHandler
    FundsRefunded handle(RefundTranche command, Clock clock, PaymentProvider payments) {
        Instant now = clock.instant();
        Tranche tranche = tranches.stream().filter(t -> t.trancheId().equals(command.trancheId())).findFirst().orElse(null);
        String ended = endedTranches.get(command.trancheId());
        if (EXPIRED.equals(ended) || (tranche != null && tranche.isExpiredAt(now))) {
            throw new LedgerException(ErrorCode.TRANCHE_EXPIRED, "Tranche " + command.trancheId() + " has expired; "
                    + "its remainder was forfeited");
        }
        if (REFUNDED.equals(ended)) {
            throw new LedgerException(ErrorCode.NOTHING_TO_REFUND, "Tranche " + command.trancheId() + " was refunded already");
        }
        if (tranche == null) {
            throw new LedgerException(ErrorCode.TRANCHE_NOT_FOUND, "No tranche " + command.trancheId() + " on this account");
        }
        if (tranche.granted()) {
            throw new LedgerException(ErrorCode.NOTHING_TO_REFUND, "Tranche " + command.trancheId()
                    + " was granted, not paid for: there is no payment to give back");
        }
        Money refundable = tranche.remaining().minus(heldOn(tranche, now));
        if (!refundable.isPositive()) {
            throw new LedgerException(ErrorCode.NOTHING_TO_REFUND, tranche.remaining().isPositive()
                    ? "What remains in tranche " + command.trancheId() + " is held for calls in progress"
                    : "Tranche " + command.trancheId() + " is used up");
        }
        PaymentResult refund = payments.refund(new RefundRequest(tenantId, paymentMethodToken, refundable,
                tranche.trancheId(), "refund/" + command.creditNoteId()));
        if (refund instanceof PaymentResult.Declined declined) {
            throw new LedgerException(ErrorCode.REFUND_DECLINED, "The refund was declined: " + declined.detail());
        }
        if (refund instanceof PaymentResult.Unavailable unavailable) {
            throw new LedgerException(ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE, unavailable.detail() + "; nothing was refunded");
        }
        catchUp(now);
        Money before = balance();
        FundsRefunded refunded = new FundsRefunded(tenantId, tranche.trancheId(), refundable,
                tranche.remaining().minus(refundable), command.reason(), command.creditNoteId(), command.requestedBy(),
                now, before.minus(refundable));
        apply(refunded);
        Money negative = Money.zero(currency).minus(refundable);
        apply(new CreditNoteIssued(tenantId, command.creditNoteId(), creditNotesIssued + 1, now,
                List.of(new InvoiceLine("Refund of " + InvoiceLine.COMMUNICATION_CREDITS + " tranche " + tranche.trancheId(),
                        negative)), negative, tranche.invoiceId(), tranche.trancheId(), command.reason()));
        notifyFall(balance(), now); // no recharge trigger: see above
        return refunded;
    }

    /** What live holds at {@code now} keep of a tranche (holds past their timeout are about to be released). */
    private Money heldOn(Tranche tranche, Instant now) {
        Money held = Money.zero(currency);
        for (Reservation reservation : reservations.values()) {
            if (now.isBefore(reservation.expiresAt())) {
                held = held.plus(reservation.heldOn(tranche.trancheId()));
            }
        }
        return held;
    }

    // ---------------------------------------------------------------- holds and charges

    /**
     * INV-CA-10: holds up to the asked amount of available credit, FIFO. Answers the {@link FundsReserved}, or
     * {@code null} when nothing can be held (nothing available, or less than asked without {@code partialAllowed}).
     * A repeat with a live reservation id answers that reservation.
     */
    @CommandHandler
    FundsReserved handle(ReserveFunds command, Clock clock, CreditAccountPolicy policy) {
        Instant now = clock.instant();
        Money asked = inAccountCurrency(command.amount());
        catchUp(now);
        Reservation existing = reservations.get(command.reservationId());
        if (existing != null) {
            return reserved(existing);
        }
        Money available = available();
        if (!asked.isPositive() || !available.isPositive() || (available.isLessThan(asked) && !command.partialAllowed())) {
            return null;
        }
        Money amount = asked.min(available);
        List<TrancheHold> holds = drawable().oldestFirst(amount).stream()
                .map(take -> new TrancheHold(take.tranche().trancheId(), take.amount())).toList();
        Instant expiresAt = command.expiresAt() != null ? command.expiresAt() : now.plus(policy.reservationTimeout());
        FundsReserved reserved = new FundsReserved(tenantId, command.reservationId(), amount, holds,
                available.minus(amount), now, expiresAt);
        apply(reserved);
        return reserved;
    }

    /** Ends a live hold without charging; an unknown or ended hold changes nothing. */
    @CommandHandler
    void handle(ReleaseReservation command, Clock clock) {
        Instant now = clock.instant();
        catchUp(now);
        Reservation reservation = reservations.get(command.reservationId());
        if (reservation != null) {
            apply(new ReservationReleased(tenantId, reservation.reservationId(), reservation.amount(), command.reason(),
                    available().plus(reservation.amount()), now));
        }
    }

    /**
     * INV-CA-04 (FIFO), INV-CA-11 (never negative: the uncovered part is unfunded, or postpaid on MCA, INV-CA-13).
     * A settled reservation is released first, so the charge draws its funds as available ones, oldest first.
     * Idempotent per charge id among the last {@link #REMEMBERED_CHARGES} charges.
     */
    @CommandHandler
    ChargeOutcome handle(ChargeUsage command, Clock clock, CreditAccountPolicy policy) {
        ChargeRecord seen = recentCharges.get(command.chargeId());
        if (seen != null) {
            return seen.outcome(command.chargeId());
        }
        Money amount = inAccountCurrency(command.amount());
        if (amount.isNegative()) {
            throw new LedgerException(ErrorCode.INVALID_AMOUNT, "A charge cannot be negative");
        }
        Instant now = clock.instant();
        catchUp(now);
        Money before = balance();
        Reservation reservation = command.reservationId() == null ? null : reservations.get(command.reservationId());
        if (reservation != null) {
            apply(new ReservationReleased(tenantId, reservation.reservationId(), reservation.amount(),
                    ReservationReleased.Reason.SETTLED, available().plus(reservation.amount()), now));
        }
        Money fromCredits = amount.min(available());
        if (fromCredits.isPositive()) {
            apply(new FundsConsumed(tenantId, command.chargeId(), command.reference(), command.reservationId(), fromCredits,
                    portionsFor(fromCredits), before.minus(fromCredits), now));
        }
        Money rest = amount.minus(fromCredits);
        if (rest.isPositive() && billingAgreement == BillingAgreement.MCA) {
            apply(new PostpaidUsageRecorded(tenantId, command.chargeId(), command.reference(), rest,
                    FundingRules.monthOf(now), now));
        } else if (rest.isPositive()) {
            apply(new UnfundedUsageRecorded(tenantId, command.chargeId(), command.reference(), rest, now));
        }
        afterBalanceFell(before, now);
        ChargeRecord record = recentCharges.get(command.chargeId());
        return (record == null ? ChargeRecord.none(balance()) : record).outcome(command.chargeId());
    }

    private List<TranchePortion> portionsFor(Money amount) {
        return drawable().oldestFirst(amount).stream()
                .map(take -> new TranchePortion(take.tranche().trancheId(), take.amount(), take.remainingAfter())).toList();
    }

    /** INV-CA-04: the tranches in drawing order, each with what holds leave free of it. */
    private Tranches drawable() {
        return new Tranches(tranches, this::availableIn);
    }

    // ---------------------------------------------------------------- work that falls due

    @CommandHandler
    void handle(ProcessDueWork command, Clock clock) {
        catchUp(clock.instant());
    }

    /** INV-CA-13: the month's postpaid usage is invoiced once, after the month is over. */
    @CommandHandler
    void handle(IssuePostpaidInvoice command, Clock clock) {
        Instant now = clock.instant();
        catchUp(now);
        Money total = postpaidByMonth.get(command.month());
        if (total == null || !total.isPositive() || now.isBefore(FundingRules.endOf(command.month()))) {
            return;
        }
        apply(new InvoiceIssued(tenantId, tenantId.value() + "-postpaid-" + command.month(), invoicesIssued + 1,
                InvoiceKind.POSTPAID_USAGE, now,
                List.of(new InvoiceLine(InvoiceLine.COMMUNICATION_CREDITS + " usage " + command.month(), total)),
                total, InvoiceStatus.DUE, command.month()));
    }

    /**
     * Applies what fell due at {@code now}: reservation timeouts (INV-CA-10), tranche expiry with its remainder
     * forfeited (INV-CA-05), expiry warnings (INV-CA-14); then the consequences of a lower balance.
     */
    private void catchUp(Instant now) {
        Money before = balance();
        for (Reservation reservation : List.copyOf(reservations.values())) {
            if (!now.isBefore(reservation.expiresAt())) {
                apply(new ReservationReleased(tenantId, reservation.reservationId(), reservation.amount(),
                        ReservationReleased.Reason.TIMED_OUT, available().plus(reservation.amount()), now));
            }
        }
        for (Tranche tranche : List.copyOf(tranches)) {
            if (tranche.isExpiredAt(now)) {
                apply(new TrancheExpired(tenantId, tranche.trancheId(), tranche.remaining(),
                        balance().minus(tranche.remaining()), tranche.expiresAt()));
            }
        }
        for (Tranche tranche : List.copyOf(tranches)) {
            if (tranche.needsExpiryWarningAt(now)) {
                apply(new TrancheExpiringSoon(tenantId, tranche.trancheId(), tranche.remaining(), tranche.expiresAt(), now));
            }
        }
        afterBalanceFell(before, now);
    }

    /**
     * After a charge or an expiry: depleted and low-balance notifications (INV-CA-14), and the auto-recharge
     * trigger (INV-CA-06): below the threshold, on a DIRECT account, with nothing in flight.
     */
    private void afterBalanceFell(Money before, Instant now) {
        Money after = balance();
        if (!after.isLessThan(before)) {
            return;
        }
        notifyFall(after, now);
        if (autoRechargeAmount == null || !after.isLessThan(autoRechargeThreshold)) {
            return;
        }
        if (!before.isLessThan(autoRechargeThreshold)) {
            apply(new LowBalanceWarned(tenantId, after, autoRechargeThreshold, now));
        }
        if (pendingRecharge == null && !rechargeAbandoned && billingAgreement == BillingAgreement.DIRECT) {
            apply(new RechargeTriggered(tenantId, tenantId.value() + "-recharge-" + (rechargesTriggered + 1),
                    autoRechargeAmount, after, autoRechargeThreshold, now));
        }
    }

    /** A fall of the balance to {@code after}: depleted (INV-CA-14) and the low-balance alert's crossing (INV-CA-20). */
    private void notifyFall(Money after, Instant now) {
        if (after.isZero()) {
            apply(new BalanceDepleted(tenantId, now));
        }
        if (lowBalanceAlert != null && !lowBalanceAlerted && after.isLessThan(lowBalanceAlert)) {
            apply(new LowBalanceAlertRaised(tenantId, after, lowBalanceAlert, now));
        }
    }

    private void cancelPendingRecharge(String reason, Instant now) {
        if (pendingRecharge != null) {
            apply(new RechargeCancelled(tenantId, pendingRecharge.rechargeId(), reason, now));
        }
    }

    // ---------------------------------------------------------------- state read by the handlers and the query

    private void requirePaymentMethod() {
        if (paymentMethodToken == null) { // INV-CA-15
            throw new LedgerException(ErrorCode.NO_PAYMENT_METHOD, "Set a payment method on the account first");
        }
    }

    private Money inAccountCurrency(Money amount) {
        if (!amount.currency().equals(currency)) {
            throw new LedgerException(ErrorCode.INVALID_CURRENCY,
                    "The account is in " + currency + "; got an amount in " + amount.currency());
        }
        return amount;
    }

    /** The sum of what remains in every live tranche, held parts included. */
    Money balance() {
        Money sum = Money.zero(currency);
        for (Tranche tranche : tranches) {
            sum = sum.plus(tranche.remaining());
        }
        return sum;
    }

    Money held() {
        Money sum = Money.zero(currency);
        for (Reservation reservation : reservations.values()) {
            sum = sum.plus(reservation.amount());
        }
        return sum;
    }

    Money available() {
        return balance().minus(held());
    }

    private Money availableIn(Tranche tranche) {
        Money held = Money.zero(currency);
        for (Reservation reservation : reservations.values()) {
            held = held.plus(reservation.heldOn(tranche.trancheId()));
        }
        return tranche.remaining().minus(held);
    }

    /** The standing at {@code now} without changing anything: expired tranches and timed-out holds left out. */
    AccountStanding standingAt(Instant now) {
        Money balance = Money.zero(currency);
        Money held = Money.zero(currency);
        for (Tranche tranche : tranches) {
            if (!tranche.isExpiredAt(now)) {
                balance = balance.plus(tranche.remaining());
                for (Reservation reservation : reservations.values()) {
                    if (now.isBefore(reservation.expiresAt())) {
                        held = held.plus(reservation.heldOn(tranche.trancheId()));
                    }
                }
            }
        }
        return new AccountStanding(tenantId, currency, billingAgreement, balance, balance.minus(held));
    }

    private FundsReserved reserved(Reservation reservation) {
        return new FundsReserved(tenantId, reservation.reservationId(), reservation.amount(), reservation.holds(),
                reservation.availableAfter(), reservation.reservedAt(), reservation.expiresAt());
    }

    // ---------------------------------------------------------------- event sourcing: assign fields only

    @EventSourcingHandler
    void on(CreditAccountOpened event) {
        this.id = event.tenantId().creditAccountAggregateId();
        this.tenantId = event.tenantId();
        this.currency = event.currency();
        this.billingAgreement = event.billingAgreement();
    }

    @EventSourcingHandler
    void on(PaymentMethodSet event) {
        paymentMethodToken = event.token();
        if (pendingRecharge != null && pendingRecharge.nextAttemptAt().isAfter(event.changedAt())) {
            pendingRecharge = pendingRecharge.dueAt(event.changedAt()); // a new method is tried at once
        }
    }

    @EventSourcingHandler
    void on(AutoRechargeConfigured event) {
        autoRechargeThreshold = event.enabled() ? event.threshold() : null;
        autoRechargeAmount = event.enabled() ? event.amount() : null;
        rechargeAbandoned = false;
    }

    @EventSourcingHandler
    void on(BillingAgreementChanged event) {
        billingAgreement = event.to();
    }

    @EventSourcingHandler
    void on(FundsAdded event) {
        insert(new Tranche(event.trancheId(), event.amount(), event.amount(), event.purchasedAt(), event.expiresAt(),
                false, event.invoiceId(), false));
        rechargeAbandoned = false;
        if (pendingRecharge != null && pendingRecharge.rechargeId().equals(event.rechargeId())) {
            pendingRecharge = null;
        }
    }

    @EventSourcingHandler
    void on(FundsGranted event) {
        insert(new Tranche(event.trancheId(), event.amount(), event.amount(), event.grantedAt(), event.expiresAt(),
                false, null, true));
    }

    /** INV-CA-21: after every tranche that expires no later than it, so the list stays in drawing order. */
    private void insert(Tranche tranche) {
        int at = tranches.size();
        while (at > 0 && tranche.drawnBefore(tranches.get(at - 1))) {
            at--;
        }
        tranches.add(at, tranche);
    }

    @EventSourcingHandler
    void on(FundsRefunded event) {
        if (event.remainingAfter().isPositive()) {
            tranches.replaceAll(tranche -> tranche.trancheId().equals(event.trancheId())
                    ? tranche.withRemaining(event.remainingAfter()) : tranche);
        } else {
            tranches.removeIf(tranche -> tranche.trancheId().equals(event.trancheId()));
            endedTranches.put(event.trancheId(), REFUNDED);
        }
    }

    @EventSourcingHandler
    void on(CreditNoteIssued event) {
        creditNotesIssued = event.number();
    }

    @EventSourcingHandler
    void on(InvoiceIssued event) {
        invoicesIssued = event.number();
        if (event.kind() == InvoiceKind.POSTPAID_USAGE) {
            postpaidByMonth.remove(event.reference());
        }
    }

    @EventSourcingHandler
    void on(CommunicationCreditsEnabled event) {
        communicationCreditsEnabled = true;
    }

    @EventSourcingHandler
    void on(FundsReserved event) {
        reservations.put(event.reservationId(), new Reservation(event.reservationId(), event.amount(), event.holds(),
                event.reservedAt(), event.expiresAt(), event.availableAfter()));
    }

    @EventSourcingHandler
    void on(ReservationReleased event) {
        reservations.remove(event.reservationId());
    }

    @EventSourcingHandler
    void on(FundsConsumed event) {
        for (TranchePortion portion : event.portions()) {
            tranches.replaceAll(tranche -> tranche.trancheId().equals(portion.trancheId())
                    ? tranche.withRemaining(portion.remainingAfter()) : tranche);
        }
        remember(event.chargeId(), charge(event.chargeId()).consumed(event.amount(), event.balanceAfter()));
    }

    @EventSourcingHandler
    void on(UnfundedUsageRecorded event) {
        remember(event.chargeId(), charge(event.chargeId()).unfunded(event.amount()));
    }

    @EventSourcingHandler
    void on(PostpaidUsageRecorded event) {
        postpaidByMonth.merge(event.month(), event.amount(), Money::plus);
        remember(event.chargeId(), charge(event.chargeId()).postpaid(event.amount()));
    }

    @EventSourcingHandler
    void on(TrancheExpired event) {
        tranches.removeIf(tranche -> tranche.trancheId().equals(event.trancheId()));
        endedTranches.put(event.trancheId(), EXPIRED);
        reservations.replaceAll((reservationId, reservation) -> reservation.withoutTranche(event.trancheId()));
    }

    @EventSourcingHandler
    void on(TrancheExpiringSoon event) {
        tranches.replaceAll(tranche -> tranche.trancheId().equals(event.trancheId()) ? tranche.warned() : tranche);
    }

    @EventSourcingHandler
    void on(RechargeTriggered event) {
        rechargesTriggered++;
        pendingRecharge = new PendingRecharge(event.rechargeId(), event.amount(), 0, event.triggeredAt());
    }

    @EventSourcingHandler
    void on(RechargeFailed event) {
        if (event.nextAttemptAt() == null) {
            pendingRecharge = null;
            rechargeAbandoned = true;
        } else {
            pendingRecharge = new PendingRecharge(event.rechargeId(), pendingRecharge.amount(), event.attempt(),
                    event.nextAttemptAt());
        }
    }

    @EventSourcingHandler
    void on(RechargeCancelled event) {
        pendingRecharge = null;
    }

    private ChargeRecord charge(String chargeId) {
        ChargeRecord record = recentCharges.get(chargeId);
        return record != null ? record : ChargeRecord.none(balance());
    }

    private void remember(String chargeId, ChargeRecord record) {
        recentCharges.put(chargeId, record);
        if (recentCharges.size() > REMEMBERED_CHARGES) {
            recentCharges.remove(recentCharges.keySet().iterator().next());
        }
    }

    @EventSourcingHandler
    void on(LowBalanceAlertConfigured event) {
        lowBalanceAlert = event.threshold();
        lowBalanceAlerted = false;
    }

    @EventSourcingHandler
    void on(LowBalanceAlertRaised event) {
        lowBalanceAlerted = true;
    }

    @EventSourcingHandler
    void on(BalanceRecovered event) {
        lowBalanceAlerted = false;
    }
}
