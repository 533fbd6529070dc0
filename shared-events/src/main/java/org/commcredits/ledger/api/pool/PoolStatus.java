package org.commcredits.ledger.api.pool;

/** A pool's state after a command: its size, minutes used and remaining, and what the command took. */
public record PoolStatus(String poolId, long sizeMinutes, long usedMinutes, long remainingMinutes, long taken) {
}
