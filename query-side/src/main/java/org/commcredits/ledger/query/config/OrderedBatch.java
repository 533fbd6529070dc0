package org.commcredits.ledger.query.config;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * A projection's batch of changes kept in event order where order matters: frequent changes are merged into a
 * block (the last balance of a tenant, a hold taken and released in the batch), and a rare change is written as
 * its own statement in its place, between the block before it and a new block after it, so that guards such as
 * {@code last_sequence < ?} see the rows in the order of the events.
 *
 * @param <B> the projection's block of merged changes
 */
public abstract class OrderedBatch<B extends OrderedBatch.Block> implements DeferredWrites.Batch {

    /** Merged frequent changes, written with JDBC batches. */
    public interface Block {
        void write();
    }

    private final JdbcTemplate jdbc;
    private final List<Object> steps = new ArrayList<>();
    private B block;

    protected OrderedBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new, empty block. */
    protected abstract B newBlock();

    /** The block the next frequent change joins: the last step, or a new one after a statement. */
    public B block() {
        if (block == null) {
            block = newBlock();
            steps.add(block);
        }
        return block;
    }

    /** A rare change, written in its place between the blocks before and after it. */
    public void statement(String sql, Object... arguments) {
        block = null;
        steps.add(new Statement(sql, arguments));
    }

    @Override
    public void write() {
        for (Object step : steps) {
            if (step instanceof Block b) {
                b.write();
            } else {
                Statement s = (Statement) step;
                jdbc.update(s.sql(), s.arguments());
            }
        }
        steps.clear();
        block = null;
    }

    private record Statement(String sql, Object[] arguments) {
    }
}
