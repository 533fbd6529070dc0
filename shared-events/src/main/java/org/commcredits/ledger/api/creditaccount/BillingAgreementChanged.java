package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/** The account moved between DIRECT and MCA (INV-CA-12). {@code changedBy} is the acting principal. */
@Revision("1")
public record BillingAgreementChanged(TenantId tenantId, BillingAgreement from, BillingAgreement to,
                                      String changedBy, Instant changedAt) {
}
