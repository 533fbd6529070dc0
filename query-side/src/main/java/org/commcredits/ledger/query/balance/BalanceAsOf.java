package org.commcredits.ledger.query.balance;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.api.creditaccount.AutoRechargeConfigured;
import org.commcredits.ledger.api.creditaccount.BillingAgreementChanged;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.RechargeCancelled;
import org.commcredits.ledger.api.creditaccount.RechargeFailed;
import org.commcredits.ledger.api.creditaccount.RechargeTriggered;
import org.commcredits.ledger.api.creditaccount.ReservationReleased;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TrancheHold;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /balance?asOf=instant}: the balance as it stood at an instant, rebuilt from the account's events
 * (not from the read model). An event counts when the business instant it carries is not after {@code asOf};
 * a tranche whose expiry instant has passed counts as expired even if its {@code TrancheExpired} came later,
 * as the account itself sees it (INV-CA-05).
 */
@Component
class BalanceAsOf {

    private final EventStore events;

    BalanceAsOf(EventStore events) {
        this.events = events;
    }

    private static final class TrancheAt {
        final String trancheId;
        final Money original;
        Money remaining;
        final Instant purchasedAt;
        final Instant expiresAt;
        boolean expired;

        TrancheAt(FundsAdded added) {
            trancheId = added.trancheId();
            original = added.amount();
            remaining = added.amount();
            purchasedAt = added.purchasedAt();
            expiresAt = added.expiresAt();
        }
    }

    BalanceController.BalanceView at(String tenantId, Instant asOf) {
        String currency = null;
        String agreement = null;
        Map<String, TrancheAt> tranches = new LinkedHashMap<>();
        Map<String, List<TrancheHold>> holds = new LinkedHashMap<>();
        Map<String, Object> autoRecharge = new LinkedHashMap<>(Map.of("enabled", false));
        String rechargeInFlight = null;
        List<Object> payloads = events.readEvents(TenantId.of(tenantId).creditAccountAggregateId(), 0).asStream()
                .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
        for (Object event : payloads) {
            Instant at = instantOf(event);
            if (at == null || at.isAfter(asOf)) {
                continue;
            }
            if (event instanceof CreditAccountOpened opened) {
                currency = opened.currency();
                agreement = opened.billingAgreement().name();
            } else if (event instanceof FundsAdded added) {
                tranches.put(added.trancheId(), new TrancheAt(added));
                if (added.rechargeId() != null && added.rechargeId().equals(rechargeInFlight)) {
                    rechargeInFlight = null;
                }
            } else if (event instanceof FundsConsumed consumed) {
                for (TranchePortion portion : consumed.portions()) {
                    tranches.get(portion.trancheId()).remaining = portion.remainingAfter();
                }
            } else if (event instanceof TrancheExpired expired) {
                tranches.get(expired.trancheId()).expired = true;
            } else if (event instanceof FundsReserved reserved) {
                holds.put(reserved.reservationId(), reserved.holds());
            } else if (event instanceof ReservationReleased released) {
                holds.remove(released.reservationId());
            } else if (event instanceof AutoRechargeConfigured configured) {
                autoRecharge = new LinkedHashMap<>();
                autoRecharge.put("enabled", configured.enabled());
                if (configured.enabled()) {
                    autoRecharge.put("threshold", configured.threshold().toPlainString());
                    autoRecharge.put("amount", configured.amount().toPlainString());
                }
            } else if (event instanceof BillingAgreementChanged changed) {
                agreement = changed.to().name();
            } else if (event instanceof RechargeTriggered triggered) {
                rechargeInFlight = triggered.rechargeId();
            } else if (event instanceof RechargeFailed failed && failed.nextAttemptAt() == null
                    || event instanceof RechargeCancelled) {
                rechargeInFlight = null;
            }
        }
        if (currency == null) {
            throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "This tenant had no credit account at " + asOf);
        }
        Money balance = Money.zero(currency);
        Money held = Money.zero(currency);
        List<BalanceController.TrancheView> live = new ArrayList<>();
        for (TrancheAt tranche : tranches.values()) {
            if (tranche.expired || !asOf.isBefore(tranche.expiresAt)) {
                continue;
            }
            balance = balance.plus(tranche.remaining);
            for (List<TrancheHold> reservation : holds.values()) {
                for (TrancheHold hold : reservation) {
                    if (hold.trancheId().equals(tranche.trancheId)) {
                        held = held.plus(hold.amount());
                    }
                }
            }
            if (tranche.remaining.isPositive()) {
                live.add(new BalanceController.TrancheView(tranche.trancheId, tranche.original.toPlainString(),
                        tranche.remaining.toPlainString(), tranche.purchasedAt.toString(), tranche.expiresAt.toString()));
            }
        }
        autoRecharge.put("rechargeInFlight", rechargeInFlight);
        return new BalanceController.BalanceView(tenantId, currency, balance.toPlainString(), balance.minus(held).toPlainString(),
                live, autoRecharge, agreement, asOf.toString());
    }

    /** The business instant an event carries (the ledger clock's, which the sandbox test clock moves). */
    private static Instant instantOf(Object event) {
        if (event instanceof CreditAccountOpened e) {
            return e.openedAt();
        } else if (event instanceof FundsAdded e) {
            return e.purchasedAt();
        } else if (event instanceof FundsConsumed e) {
            return e.occurredAt();
        } else if (event instanceof TrancheExpired e) {
            return e.expiredAt();
        } else if (event instanceof FundsReserved e) {
            return e.reservedAt();
        } else if (event instanceof ReservationReleased e) {
            return e.releasedAt();
        } else if (event instanceof AutoRechargeConfigured e) {
            return e.changedAt();
        } else if (event instanceof BillingAgreementChanged e) {
            return e.changedAt();
        } else if (event instanceof RechargeTriggered e) {
            return e.triggeredAt();
        } else if (event instanceof RechargeFailed e) {
            return e.failedAt();
        } else if (event instanceof RechargeCancelled e) {
            return e.cancelledAt();
        }
        return null;
    }
}
