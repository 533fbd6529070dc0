package org.commcredits.ledger.command.license;

import org.commcredits.ledger.api.ids.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Queues the licensing commands of one tenant: a row lock on {@code lic_tenant_lock}, taken inside the
 * command's transaction and held until it commits. Axon's own aggregate lock is per JVM and is released
 * when the unit of work ends, before the surrounding transaction commits; without this lock, concurrent
 * commands on one busy tenant (a script setting usage locations in parallel) decide on stale state, lose on
 * the stream's sequence number and retry until they give up. Correctness never depends on it (the sequence
 * number still rejects a stale decision, INV-LIC-03); it turns conflicts into waiting.
 */
@Component
class TenantLicenseLock {

    private final JdbcTemplate jdbc;

    TenantLicenseLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Must run inside the command's transaction. A first-time race on the insert is a retried duplicate key. */
    void lock(TenantId tenantId) {
        jdbc.update("MERGE INTO lic_tenant_lock t USING (VALUES (?)) s(tenant_id) ON t.tenant_id = s.tenant_id "
                        + "WHEN MATCHED THEN UPDATE SET commands = t.commands + 1 "
                        + "WHEN NOT MATCHED THEN INSERT (tenant_id, commands) VALUES (?, 1)",
                tenantId.value(), tenantId.value());
    }
}
