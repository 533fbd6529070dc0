package org.commcredits.ledger.platform.storage;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.List;

/**
 * How far each event processor has got, read from the shared {@code token_entry} table so that it is
 * true across JVMs. Backs the contract's read-your-writes rule: a query with {@code ?minSequence=N} waits
 * until every segment of the read model's processor has handled global index N.
 */
@Component
public class ProcessorPositions {

    static final long WAIT_MILLIS = 5_000;
    private static final long POLL_MILLIS = 10;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public ProcessorPositions(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The highest global index in the event store, 0 when it is empty. */
    public long head() {
        List<Long> head = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry ORDER BY global_index DESC FETCH FIRST 1 ROWS ONLY", Long.class);
        return head.isEmpty() ? 0 : head.get(0);
    }

    /** The tokens of every segment of a processor; empty before it first claims. */
    public List<TrackingToken> tokens(String processorName) {
        return jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ? ORDER BY segment",
                (rs, n) -> {
                    byte[] token = rs.getBytes(1);
                    String type = rs.getString(2);
                    if (token == null || type == null) {
                        return null;
                    }
                    return serializer.<byte[], TrackingToken>deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, type, null));
                }, processorName);
    }

    /** True when every segment of the processor has handled (or passed over) global index {@code sequence}. */
    public boolean hasReached(String processorName, long sequence) {
        List<TrackingToken> tokens = tokens(processorName);
        if (tokens.isEmpty()) {
            return false;
        }
        return tokens.stream().allMatch(token -> token != null && handled(token, sequence));
    }

    /**
     * Whether a token is past {@code sequence}. Not {@code token.covers(target)} with a gap-less target: a
     * gap-aware token also lists older gaps (indexes taken by transactions that rolled back, which never
     * commit), and {@code covers} would then answer false until the gap timeout cleans them, so a query
     * after any rolled-back command waited in vain. Only N itself matters: behind the token and not a gap.
     */
    static boolean handled(TrackingToken token, long sequence) {
        TrackingToken lowerBound = WrappedToken.unwrapLowerBound(token);
        if (lowerBound instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= sequence && !gapAware.getGaps().contains(sequence);
        }
        return token.covers(GapAwareTrackingToken.newInstance(sequence, Collections.emptySortedSet()));
    }

    /**
     * Waits up to five seconds for {@link #hasReached}; answers {@code 503 READ_MODEL_LAGGING} rather than
     * stale data when the read model is still behind.
     */
    public void awaitSequence(String processorName, Long minSequence) {
        if (minSequence == null) {
            return;
        }
        if (minSequence < 0) {
            throw new LedgerException(ErrorCode.INVALID_REQUEST, "minSequence must not be negative");
        }
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (!hasReached(processorName, minSequence)) {
            if (System.nanoTime() > deadline) {
                throw new LedgerException(ErrorCode.READ_MODEL_LAGGING,
                        "The read model has not reached sequence " + minSequence + " within 5 s; retry");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerException(ErrorCode.READ_MODEL_LAGGING, "Interrupted while waiting for the read model");
            }
        }
    }
}
