package org.commcredits.ledger.api.creditaccount;

import org.commcredits.ledger.api.money.Money;

/**
 * The answer to {@link ChargeUsage}: how much was paid from credit, how much was recorded as postpaid or
 * unfunded, and the balance afterwards. All amounts in the account's currency.
 */
public record ChargeOutcome(String chargeId, Money fromCredits, Money postpaid, Money unfunded, Money balanceAfter) {
}
