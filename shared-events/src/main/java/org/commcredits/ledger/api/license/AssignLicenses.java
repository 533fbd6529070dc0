package org.commcredits.ledger.api.license;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.util.List;

/**
 * Assigns {@code sku} to each of {@code userIds} (one chunk of a bulk assignment), deciding each user on its
 * own: answered with one {@link BulkAssignmentResult} per user, in order.
 */
public record AssignLicenses(TenantId tenantId, Sku sku, List<UserId> userIds, String bulkId, String requestedBy) {

    public AssignLicenses {
        userIds = List.copyOf(userIds);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return LicenseIds.aggregateId(tenantId);
    }
}
