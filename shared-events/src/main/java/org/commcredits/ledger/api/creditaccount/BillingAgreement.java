package org.commcredits.ledger.api.creditaccount;

/** How a tenant pays for usage beyond included minutes. */
public enum BillingAgreement {
    /** Prepaid: the tenant buys credits (manually or by auto-recharge) and usage draws them down. */
    DIRECT,
    /** Microsoft Customer Agreement: no credit purchases; an existing balance is drained, then usage is billed after the fact. */
    MCA
}
