package org.commcredits.ledger.api.license;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One chunk of a bulk assignment: each of {@code assignees} got a seat of {@code sku} (only those; users who
 * were rejected or already had it are not listed). {@code assignedAfter} is the seats of {@code sku} in use
 * after the whole chunk; {@code bulkId} ties the chunks of one request together.
 */
@Revision("1")
public record LicensesBulkAssigned(TenantId tenantId, Sku sku, String bulkId, List<Assignee> assignees,
                                   long assignedAfter, String assignedBy, Instant assignedAt) {

    public LicensesBulkAssigned {
        assignees = List.copyOf(assignees);
    }

    /** A user who got the seat, with their usage location and everything they hold afterwards. */
    public record Assignee(UserId userId, CountryCode usageLocation, Set<Sku> skusAfter) {

        public Assignee {
            skusAfter = Set.copyOf(skusAfter);
        }
    }
}
