package org.commcredits.ledger.api.license;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.util.List;

/**
 * Sets the same usage location for many users at once (the portal's "select users, set location"): one
 * {@link UsageLocationsSet} naming every user whose location changes. Answered with the ids of those users.
 */
public record SetUsageLocations(TenantId tenantId, CountryCode country, List<UserId> userIds, String requestedBy) {

    public SetUsageLocations {
        userIds = List.copyOf(userIds);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return LicenseIds.aggregateId(tenantId);
    }
}
