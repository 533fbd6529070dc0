package org.commcredits.ledger.api.license;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.time.Instant;

/**
 * A user's override of the tenant's outbound calling restriction from {@code setAt} on, set by the principal
 * {@code setBy} (INV-CALL-13). A null {@code pstn} or {@code conference} follows the tenant's.
 */
@Revision("1")
public record UserDialOutPolicySet(TenantId tenantId, UserId userId, PstnDialOut pstn, ConferenceDialOut conference,
                                   String setBy, Instant setAt) {
}
