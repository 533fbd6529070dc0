package org.commcredits.ledger.api.call;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.time.Instant;

/** A call was refused, with the contract's reason code. A denied call cannot be completed. */
@Revision("1")
public record CallDenied(TenantId tenantId, CallId callId, UserId userId, E164Number destination, CallType callType,
                         DenyReason reason, Instant deniedAt) {
}
