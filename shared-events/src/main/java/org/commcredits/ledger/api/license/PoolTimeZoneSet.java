package org.commcredits.ledger.api.license;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/**
 * The tenant's included-minute pools follow calendar months in {@code timeZone} (an IANA id such as
 * {@code America/New_York}) from {@code setAt} on; {@code previous} is the zone before ({@code UTC} the first
 * time). Calls already recorded keep the month they were counted in (INV-POOL-06).
 */
@Revision("1")
public record PoolTimeZoneSet(TenantId tenantId, String timeZone, String previous, String setBy, Instant setAt) {
}
