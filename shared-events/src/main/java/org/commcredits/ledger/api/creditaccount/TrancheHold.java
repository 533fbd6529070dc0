package org.commcredits.ledger.api.creditaccount;

import org.commcredits.ledger.api.money.Money;

/** The part of a reservation held against one tranche. */
public record TrancheHold(String trancheId, Money amount) {
}
