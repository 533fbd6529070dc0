package org.commcredits.ledger.query.verify;

import java.util.List;

/**
 * A read model's verifier: replays a tenant's events into a fresh in-memory model and compares it with
 * every row the read model holds for that tenant. Declare an implementation as a Spring bean and
 * {@code GET /api/tenants/{t}/verify} and the scheduled verification pick it up.
 */
public interface ReadModelVerifier {

    /** The read model's name in reports, e.g. {@code ledger}. */
    String readModel();

    /** The processing group that writes the read model; verification first waits until it caught up. */
    String processor();

    /** Every difference between the replayed model and the rows; empty when consistent. */
    List<Difference> verify(TenantHistory history);
}
