package org.commcredits.ledger.api.license;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.time.Instant;

/** The user's usage location is now {@code country} ({@code previous} is null the first time). */
@Revision("1")
public record UsageLocationSet(TenantId tenantId, UserId userId, CountryCode country, CountryCode previous,
                               String setBy, Instant setAt) {
}
