package org.commcredits.ledger.platform.time;

import java.time.Instant;

/**
 * Published (as a Spring application event) after the sandbox test clock moved, so that everything that
 * fell due in between runs before the move is answered.
 */
public record ClockAdvanced(Instant from, Instant to) {
}
