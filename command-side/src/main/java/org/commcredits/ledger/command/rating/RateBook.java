package org.commcredits.ledger.command.rating;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.commcredits.ledger.api.rating.Rate;
import org.commcredits.ledger.api.rating.RateCardUploaded;
import org.commcredits.ledger.api.rating.RateRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rates the call path rates with, in memory. {@code RateCardUploaded} is handled by a subscribing
 * processor ({@value #PROCESSOR}), so the rows table {@code rating_rate_row} and the counter
 * {@code rating_book.generation} change in the upload's own transaction; after that commits the in-memory
 * {@link RatingTable} is rebuilt and swapped in whole. On start the table is read once.
 *
 * <p>Other command-side instances learn of an upload by polling the counter every
 * {@code ledger.rating.refresh-interval-millis} (default 1,000 ms; one primary-key read) and then reload:
 * a new rate reaches every instance within that interval plus one reload (INV-RATE-05). Rates uploaded with
 * an {@code effectiveFrom} at least that far ahead are therefore applied identically everywhere.
 */
@Component
@ProcessingGroup(RateBook.PROCESSOR)
public class RateBook {

    static final String PROCESSOR = "rate-book";

    private static final Logger log = LoggerFactory.getLogger(RateBook.class);

    private final JdbcTemplate jdbc;
    private volatile RatingTable table;
    private volatile long generation = -1;

    RateBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Rate find(String currency, String digits, Instant at) {
        return table().find(currency, digits, at);
    }

    @EventHandler
    void on(RateCardUploaded event) {
        jdbc.update("DELETE FROM rating_rate_row WHERE rate_card_id = ?", event.rateCardId());
        List<Object[]> rows = new ArrayList<>(event.rows().size());
        int line = 0;
        for (RateRow row : event.rows()) {
            rows.add(new Object[]{event.rateCardId(), line++, event.version(), row.prefix(), row.destination(),
                    row.currency(), row.perMinuteE4(), row.connectionFeeE4(), Timestamp.from(row.effectiveFrom()),
                    Timestamp.from(event.uploadedAt())});
        }
        jdbc.batchUpdate("INSERT INTO rating_rate_row (rate_card_id, row_no, version, prefix, destination, currency, "
                + "per_minute_e4, connection_fee_e4, effective_from, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        jdbc.update("UPDATE rating_book SET generation = generation + 1 WHERE id = 1");
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unit -> reload());
        } else {
            reload();
        }
    }

    private RatingTable table() {
        RatingTable current = table;
        if (current == null) {
            synchronized (this) {
                if (table == null) {
                    reload();
                }
                current = table;
            }
        }
        return current;
    }

    /** Reloads when another instance (or this one) stored an upload since the table was read. */
    @Scheduled(fixedDelayString = "${ledger.rating.refresh-interval-millis:1000}",
            initialDelayString = "${ledger.rating.refresh-interval-millis:1000}")
    void refreshIfChanged() {
        if (table != null && storedGeneration() != generation) {
            reload();
            log.info("Rate table reloaded at generation {} after an upload elsewhere", generation);
        }
    }

    private long storedGeneration() {
        Long stored = jdbc.queryForObject("SELECT generation FROM rating_book WHERE id = 1", Long.class);
        return stored == null ? 0 : stored;
    }

    /**
     * Reads every stored row; later uploads win ties (ordered by upload instant, then id). The generation is
     * read first: an upload committed in between shows as a newer generation at the next poll.
     */
    synchronized void reload() {
        long readGeneration = storedGeneration();
        List<PrefixTrie.Entry> entries = new ArrayList<>();
        long[] order = {0};
        jdbc.query("SELECT rate_card_id, version, prefix, destination, currency, per_minute_e4, connection_fee_e4, "
                + "effective_from FROM rating_rate_row ORDER BY uploaded_at, rate_card_id, row_no", rs -> {
            entries.add(new PrefixTrie.Entry(new Rate(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getTimestamp(8).toInstant()), order[0]++));
        });
        table = RatingTable.of(entries);
        generation = readGeneration;
    }
}
