package org.commcredits.ledger.api.license;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/**
 * The tenant's default outbound calling restriction is {@code pstn} and {@code conference} from {@code setAt} on,
 * set by the principal {@code setBy} (INV-CALL-13). Users without an override follow it.
 */
@Revision("1")
public record TenantDialOutPolicySet(TenantId tenantId, PstnDialOut pstn, ConferenceDialOut conference, String setBy,
                                     Instant setAt) {
}
