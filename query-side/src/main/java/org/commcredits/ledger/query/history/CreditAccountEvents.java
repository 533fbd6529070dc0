package org.commcredits.ledger.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.commcredits.ledger.api.creditaccount.AutoRechargeConfigured;
import org.commcredits.ledger.api.creditaccount.BillingAgreementChanged;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.CreditNoteIssued;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsGranted;
import org.commcredits.ledger.api.creditaccount.FundsRefunded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.commcredits.ledger.api.creditaccount.PostpaidUsageRecorded;
import org.commcredits.ledger.api.creditaccount.ReservationReleased;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.UnfundedUsageRecorded;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.platform.storage.EventJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads the events of one tenant's credit account ({@code {tenantId}/credit-account}) straight from the
 * event store, oldest first, for folds that must not trust a mutable row: as-of balances and verification.
 *
 * <p>Why not {@code EventStore.readEvents}: it loads every column and every event type, including
 * snapshots' neighbours we do not need. Here only the types a fold asks for are read (by
 * {@code payload_type}), only the columns it needs, and rows are deserialised as they stream in.
 * Every credit-account event is at revision 1; when one gains a revision, its upcaster must be applied
 * here too (the golden tests of that event will say so).
 */
@Component
public class CreditAccountEvents {

    /** An event of the account with its global index (sequence in the event stream). */
    public record Stored(long sequence, Object payload) {
    }

    static final List<Class<?>> KNOWN = List.of(CreditAccountOpened.class, FundsAdded.class, FundsConsumed.class,
            TrancheExpired.class, FundsReserved.class, ReservationReleased.class, AutoRechargeConfigured.class,
            BillingAgreementChanged.class, InvoiceIssued.class, UnfundedUsageRecorded.class, PostpaidUsageRecorded.class,
            FundsGranted.class, FundsRefunded.class, CreditNoteIssued.class);

    private final JdbcTemplate jdbc;
    private final Map<String, ObjectReader> readers = new HashMap<>();

    public CreditAccountEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        ObjectMapper mapper = EventJson.mapper();
        for (Class<?> type : KNOWN) {
            readers.put(type.getName(), mapper.readerFor(type));
        }
    }

    /** True when the tenant's credit account was opened (its first event exists). */
    public boolean exists(String tenantId) {
        return Boolean.TRUE.equals(jdbc.query("SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                (ResultSetExtractor<Boolean>) rs -> rs.next(), aggregateId(tenantId)));
    }

    /** Streams the account's events of the given types, oldest first, to {@code sink}. */
    public void stream(String tenantId, Set<Class<?>> types, Consumer<Stored> sink) {
        streamWhile(tenantId, types, stored -> {
            sink.accept(stored);
            return true;
        });
    }

    /**
     * Streams the account's events of the given types, oldest first, until {@code sink} answers false;
     * rows after that are not read.
     */
    public void streamWhile(String tenantId, Set<Class<?>> types, Predicate<Stored> sink) {
        List<String> names = types.stream().map(Class::getName).collect(Collectors.toList());
        String placeholders = names.stream().map(n -> "?").collect(Collectors.joining(", "));
        List<Object> arguments = new ArrayList<>();
        arguments.add(aggregateId(tenantId));
        arguments.addAll(names);
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT global_index, payload_type, payload "
                    + "FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type IN (" + placeholders + ") "
                    + "ORDER BY sequence_number");
            statement.setFetchSize(1000);
            for (int i = 0; i < arguments.size(); i++) {
                statement.setString(i + 1, (String) arguments.get(i));
            }
            return statement;
        }, (ResultSetExtractor<Void>) rs -> {
            while (rs.next()) {
                ObjectReader reader = readers.get(rs.getString(2));
                Object payload;
                try {
                    payload = reader.readValue(rs.getBytes(3));
                } catch (IOException e) {
                    throw new UncheckedIOException("unreadable " + rs.getString(2) + " at " + rs.getLong(1), e);
                }
                if (!sink.test(new Stored(rs.getLong(1), payload))) {
                    break;
                }
            }
            return null;
        });
    }

    /** Every known event of the account, oldest first. */
    public List<Stored> all(String tenantId) {
        List<Stored> events = new ArrayList<>();
        stream(tenantId, Set.copyOf(KNOWN), events::add);
        return events;
    }

    static String aggregateId(String tenantId) {
        return new TenantId(tenantId).creditAccountAggregateId();
    }
}
