package org.commcredits.ledger.query.ledger;

import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsGranted;
import org.commcredits.ledger.api.creditaccount.FundsRefunded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.PostpaidUsageRecorded;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.commcredits.ledger.api.creditaccount.UnfundedUsageRecorded;

import java.time.Instant;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * One line of the ledger statement: a money movement of a credit account with the balance after it and
 * its reference. The same mapping from event to entry serves the projection and the verifier.
 *
 * @param amountMinor magnitude of the movement; {@code direction} says what it did to the balance
 */
record LedgerEntry(long sequence, String tenantId, Instant occurredAt, String type, String direction, long amountMinor,
                   String currency, long balanceAfterMinor, String trancheId, String reference) {

    static final String CREDIT = "CREDIT";
    static final String DEBIT = "DEBIT";
    /** Usage recorded beside the balance (unfunded or postpaid): the balance does not change (INV-RM-04). */
    static final String MEMO = "MEMO";

    /**
     * The entry an event makes, if it moves money. {@code lastBalance} answers the tenant's balance after
     * its previous entry, for memo entries whose event carries no balance.
     */
    static Optional<LedgerEntry> of(long sequence, Object event, ToLongFunction<String> lastBalance) {
        if (event instanceof FundsAdded e) {
            String reference = e.source() == FundingSource.AUTO_RECHARGE && e.rechargeId() != null ? e.rechargeId() : e.invoiceId();
            return Optional.of(new LedgerEntry(sequence, e.tenantId().value(), e.purchasedAt(), "FUNDS_ADDED", CREDIT,
                    e.amount().minor(), e.amount().currency(), e.balanceAfter().minor(), e.trancheId(), reference));
        } else if (event instanceof FundsGranted e) {
            return Optional.of(new LedgerEntry(sequence, e.tenantId().value(), e.grantedAt(), "FUNDS_GRANTED", CREDIT,
                    e.amount().minor(), e.amount().currency(), e.balanceAfter().minor(), e.trancheId(),
                    "grant:" + e.grantedBy()));
        } else if (event instanceof FundsRefunded e) {
            return Optional.of(new LedgerEntry(sequence, e.tenantId().value(), e.refundedAt(), "FUNDS_REFUNDED", DEBIT,
                    e.amount().minor(), e.amount().currency(), e.balanceAfter().minor(), e.trancheId(), e.creditNoteId()));
        } else if (event instanceof FundsConsumed e) {
            String tranches = e.portions().stream().map(TranchePortion::trancheId).collect(Collectors.joining(","));
            return Optional.of(new LedgerEntry(sequence, e.tenantId().value(), e.occurredAt(), "FUNDS_CONSUMED", DEBIT,
                    e.amount().minor(), e.amount().currency(), e.balanceAfter().minor(), tranches.isEmpty() ? null : tranches,
                    e.reference()));
        } else if (event instanceof TrancheExpired e) {
            return Optional.of(new LedgerEntry(sequence, e.tenantId().value(), e.expiredAt(), "TRANCHE_EXPIRED", DEBIT,
                    e.forfeited().minor(), e.forfeited().currency(), e.balanceAfter().minor(), e.trancheId(),
                    "expiry:" + e.trancheId()));
        } else if (event instanceof UnfundedUsageRecorded e) {
            return Optional.of(new LedgerEntry(sequence, e.tenantId().value(), e.occurredAt(), "UNFUNDED_USAGE", MEMO,
                    e.amount().minor(), e.amount().currency(), lastBalance.applyAsLong(e.tenantId().value()), null,
                    e.reference()));
        } else if (event instanceof PostpaidUsageRecorded e) {
            return Optional.of(new LedgerEntry(sequence, e.tenantId().value(), e.occurredAt(), "POSTPAID_USAGE", MEMO,
                    e.amount().minor(), e.amount().currency(), lastBalance.applyAsLong(e.tenantId().value()), null,
                    e.reference()));
        }
        return Optional.empty();
    }
}
