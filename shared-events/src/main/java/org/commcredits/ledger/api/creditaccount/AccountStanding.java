package org.commcredits.ledger.api.creditaccount;

import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

/** The account's currency, agreement and available balance (balance minus holds) at the moment asked. */
public record AccountStanding(TenantId tenantId, String currency, BillingAgreement billingAgreement, Money balance,
                              Money available) {

    /** An MCA account whose prepaid balance is used up: usage is billed after the fact. */
    public boolean isPostpaid() {
        return billingAgreement == BillingAgreement.MCA && balance.isZero();
    }
}
