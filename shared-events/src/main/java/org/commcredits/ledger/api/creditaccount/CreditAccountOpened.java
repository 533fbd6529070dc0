package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/** The tenant's credit account exists, in {@code currency}, under {@code billingAgreement}. */
@Revision("1")
public record CreditAccountOpened(TenantId tenantId, String currency, BillingAgreement billingAgreement,
                                  Instant openedAt, String openedBy) {
}
