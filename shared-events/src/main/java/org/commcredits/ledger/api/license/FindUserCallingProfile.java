package org.commcredits.ledger.api.license;

import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

/**
 * Query (answered on the command side, from licensing's state) for what a user holds when a call is
 * authorised or rated: answered with a {@link UserCallingProfile}.
 */
public record FindUserCallingProfile(TenantId tenantId, UserId userId) {
}
