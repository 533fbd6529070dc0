package org.commcredits.ledger.api.license;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.time.Instant;
import java.util.List;

/**
 * One chunk (at most 1,000 users) of a bulk usage-location change: each of {@code users} now has
 * {@code country} (only those whose location changed are listed, each with its {@code previous} one).
 */
@Revision("1")
public record UsageLocationsSet(TenantId tenantId, CountryCode country, List<Change> users, String setBy, Instant setAt) {

    public UsageLocationsSet {
        users = List.copyOf(users);
    }

    /** A user whose location changed; {@code previous} is null the first time. */
    public record Change(UserId userId, CountryCode previous) {
    }
}
