package org.commcredits.ledger.api.creditaccount;

import org.commcredits.ledger.api.ids.TenantId;

/**
 * Query (answered on the command side from the account's current state, expired tranches excluded) for
 * what the call path needs to decide: answered with an {@link AccountStanding}, or {@code null} when the
 * tenant has no account.
 */
public record FindAccountStanding(TenantId tenantId) {
}
