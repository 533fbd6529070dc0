package org.commcredits.ledger.api.creditaccount;

import org.commcredits.ledger.api.money.Money;

/** What one tranche gave to a charge, and what remains in it afterwards. */
public record TranchePortion(String trancheId, Money amount, Money remainingAfter) {
}
