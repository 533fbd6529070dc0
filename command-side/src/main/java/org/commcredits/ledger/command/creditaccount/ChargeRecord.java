package org.commcredits.ledger.command.creditaccount;

import org.commcredits.ledger.api.creditaccount.ChargeOutcome;
import org.commcredits.ledger.api.money.Money;

/** What one charge did, remembered so that a repeated {@code ChargeUsage} answers the first outcome. */
record ChargeRecord(Money fromCredits, Money postpaid, Money unfunded, Money balanceAfter) {

    static ChargeRecord none(Money balance) {
        Money zero = Money.zero(balance.currency());
        return new ChargeRecord(zero, zero, zero, balance);
    }

    ChargeRecord consumed(Money amount, Money balance) {
        return new ChargeRecord(fromCredits.plus(amount), postpaid, unfunded, balance);
    }

    ChargeRecord postpaid(Money amount) {
        return new ChargeRecord(fromCredits, postpaid.plus(amount), unfunded, balanceAfter);
    }

    ChargeRecord unfunded(Money amount) {
        return new ChargeRecord(fromCredits, postpaid, unfunded.plus(amount), balanceAfter);
    }

    ChargeOutcome outcome(String chargeId) {
        return new ChargeOutcome(chargeId, fromCredits, postpaid, unfunded, balanceAfter);
    }
}
