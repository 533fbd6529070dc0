package org.commcredits.ledger.api.license;

import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

/**
 * Query (answered on the command side, from licensing's state) for what a user holds when a call is
 * authorised or rated: answered with a {@link UserCallingProfile}, in one indexed look-up that also brings
 * the holder counts of the user's pools and the tenant's pool time zone. {@code userId} may be null (a
 * toll-free call): the answer is then unknown but still carries the time zone.
 */
public record FindUserCallingProfile(TenantId tenantId, UserId userId) {
}
