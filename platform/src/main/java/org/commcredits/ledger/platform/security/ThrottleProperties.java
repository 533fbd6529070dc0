package org.commcredits.ledger.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Limits on failed HTTP Basic authentications (docs/security.md): per user name, per client address, and per
 * address and name pair that authenticated before. Each allows {@code *-capacity} failures at once, then one
 * more per {@code *-refill-interval}. A name or address over its limit is answered {@code 429
 * AUTHENTICATION_THROTTLED} with {@code Retry-After}, before any password check.
 *
 * @param knownPairMemory how long an address and name pair is remembered after a successful check
 * @param maxKeys         names, addresses and pairs kept in memory each (least used dropped first)
 * @param refusalDelay    how long a 429 is held back before it is sent (a tarpit for guessing clients)
 * @param maxDelayedRefusals how many 429s may wait at once; past that they are sent at once
 */
@ConfigurationProperties("ledger.security.throttle")
public record ThrottleProperties(@DefaultValue("true") boolean enabled,
                                 @DefaultValue("10") int nameCapacity,
                                 @DefaultValue("10s") Duration nameRefillInterval,
                                 @DefaultValue("30") int addressCapacity,
                                 @DefaultValue("2s") Duration addressRefillInterval,
                                 @DefaultValue("7d") Duration knownPairMemory,
                                 @DefaultValue("100000") long maxKeys,
                                 @DefaultValue("1s") Duration refusalDelay,
                                 @DefaultValue("32") int maxDelayedRefusals) {
}
