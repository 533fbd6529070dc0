package org.commcredits.ledger.platform.storage;

import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks a command's cached reads against the event store once, just before its transaction commits, instead
 * of once per read (docs/architecture.md, decision 16).
 *
 * <p>Outside a scope, every hit of a {@link FreshAggregateCache} costs one query that compares the entry's
 * version with the store's, and every existence check one more. Inside {@link #run}, a hit is handed out as it
 * is and an aggregate that is neither cached nor known to exist is assumed absent (the event store is not even
 * asked for its events: {@link #assumedAbsent}); each is noted, and {@link #verify} compares them all with the
 * store in one statement, which also answers the global index of the command's last event for the {@code
 * X-Event-Sequence} header. A read found stale fails the command with a {@link ConcurrencyException} before
 * anything commits, its entry is dropped, and the executor runs the command again on fresh state.
 *
 * <p>Why this is as safe as checking at each read: the check happens later, so it sees at least as much of
 * the other writers' work; a write to a stale aggregate would fail anyway (its sequence number is taken); and a
 * decision based on a stale or wrongly absent read never commits. What it adds, and how it is covered: the
 * entries a command hits or puts in the cache are taken out of it and stay its own until its transaction commits
 * (then they are shared) or fails (then they are dropped), so no other thread decides on a state that may still
 * roll back; an aggregate wrongly assumed absent is marked so
 * that the retry asks the store.
 */
public final class OptimisticReads {

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    /** Ids per statement of {@link #verify}: far below PostgreSQL's bind-parameter limit. */
    private static final int CHUNK = 500;

    private OptimisticReads() {
    }

    /** What one read saw: the cache it came from and the version (null: assumed absent). */
    private record Read(FreshAggregateCache cache, Long version) {
    }

    private static final class Scope {
        final Map<String, Read> reads = new LinkedHashMap<>();
        /**
         * Entries this scope owns, per cache and key: taken from the cache on a hit, or put by Axon; shared when its
         * transaction commits, dropped when it does not.
         */
        final Map<FreshAggregateCache, Map<String, Object>> pending = new LinkedHashMap<>();
        final Map<String, Expectation> expectations = new LinkedHashMap<>();
    }

    /** A copy of something derived from an aggregate at {@code version} (null: before its first event). */
    private record Expectation(Long version, Runnable onStale) {
    }

    /**
     * Runs {@code work} with its cache reads deferred; must be called inside the transaction that {@code work}
     * writes in. When that transaction does not commit, every entry the scope touched is dropped.
     */
    public static <T> T run(Supplier<T> work) {
        if (CURRENT.get() != null) {
            return work.get();
        }
        Scope scope = new Scope();
        boolean synchronised = TransactionSynchronizationManager.isSynchronizationActive();
        if (synchronised) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        share(scope);
                    } else {
                        forget(scope);
                    }
                }
            });
        }
        CURRENT.set(scope);
        try {
            T result = work.get();
            if (!synchronised) { // no transaction to wait for: what it put is shared now
                share(scope);
            }
            return result;
        } catch (RuntimeException | Error failure) {
            forget(scope);
            throw failure;
        } finally {
            CURRENT.remove();
        }
    }

    /** Whether reads on this thread are deferred. */
    static boolean active() {
        return CURRENT.get() != null;
    }

    /** Notes a read of {@code key} at {@code version} (null: assumed absent); the first read of a key counts. */
    static void note(FreshAggregateCache cache, String key, Long version) {
        Scope scope = CURRENT.get();
        if (scope != null) {
            scope.reads.putIfAbsent(key, new Read(cache, version));
        }
    }

    /**
     * Keeps an entry the cache was given inside the current scope for the scope alone, until its transaction
     * commits. Answers false outside a scope (the cache then shares it at once).
     */
    static boolean defer(FreshAggregateCache cache, String key, Object value) {
        Scope scope = CURRENT.get();
        if (scope == null) {
            return false;
        }
        scope.pending.computeIfAbsent(cache, c -> new LinkedHashMap<>()).put(key, value);
        return true;
    }

    /** Takes a hit out of the shared cache into the current scope, and notes its version for {@link #verify}. */
    static void take(FreshAggregateCache cache, String key, Object entry, Long version, boolean check) {
        Scope scope = CURRENT.get();
        scope.pending.computeIfAbsent(cache, c -> new LinkedHashMap<>()).put(key, entry);
        if (check && version != null) {
            note(cache, key, version);
        }
    }

    /** The entry the current scope owns for {@code key}, or null. */
    static Object ownedBy(FreshAggregateCache cache, String key) {
        Scope scope = CURRENT.get();
        Map<String, Object> entries = scope == null ? null : scope.pending.get(cache);
        return entries == null ? null : entries.get(key);
    }

    /** Drops the entry the current scope owns for {@code key} (Axon removes entries of a unit of work that rolls back). */
    static boolean drop(FreshAggregateCache cache, String key) {
        Scope scope = CURRENT.get();
        Map<String, Object> entries = scope == null ? null : scope.pending.get(cache);
        return entries != null && entries.remove(key) != null;
    }

    /**
     * Notes that the command used a copy of state derived from {@code aggregateId} at {@code version} (null: the
     * aggregate had no event then), such as a cached row of a lookup table its events keep; {@link #verify} fails
     * the command, after running {@code onStale}, if the store has moved on. Answers false outside a scope: then
     * the caller must read the state from the store.
     */
    public static boolean expect(String aggregateId, Long version, Runnable onStale) {
        Scope scope = CURRENT.get();
        if (scope == null) {
            return false;
        }
        scope.expectations.putIfAbsent(aggregateId, new Expectation(version, onStale));
        return true;
    }

    /** Whether the current scope assumed {@code aggregateId} absent: its events and snapshot need not be read. */
    public static boolean assumedAbsent(String aggregateId) {
        Scope scope = CURRENT.get();
        if (scope == null) {
            return false;
        }
        Read read = scope.reads.get(aggregateId);
        return read != null && read.version() == null && !read.cache().containsKey(aggregateId);
    }

    /**
     * Compares every read of the current scope with the store, in the caller's transaction, and answers the
     * global index of {@code lastEventOf}'s last event (null when it has none). A read is current when the store's
     * highest sequence number equals the version the cache now holds (which includes this command's own
     * appends) and the version read is itself stored (not another thread's uncommitted one), or, for an aggregate
     * assumed absent and not created since, when the store has none of its events. Throws {@link ConcurrencyException} on the first stale read.
     */
    public static Long verify(JdbcTemplate jdbc, String lastEventOf) {
        Scope scope = CURRENT.get();
        Set<String> wanted = new LinkedHashSet<>();
        if (scope != null) {
            wanted.addAll(scope.reads.keySet());
            wanted.addAll(scope.expectations.keySet());
        }
        if (lastEventOf != null) {
            wanted.add(lastEventOf);
        }
        List<String> ids = new ArrayList<>(wanted);
        Long lastIndex = null;
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            Map<String, long[]> stored = new LinkedHashMap<>();
            // one indexed top-1 look-up per id; the id list is a VALUES table so that one statement serves any count
            Object[] parameters = new Object[chunk.size() * 2];
            for (int i = 0; i < chunk.size(); i++) {
                Read read = scope == null ? null : scope.reads.get(chunk.get(i));
                parameters[2 * i] = chunk.get(i);
                parameters[2 * i + 1] = read == null ? null : read.version();
            }
            // per id: its highest stored sequence number, that event's global index, and whether the version read
            // is stored (visible to this transaction); one indexed look-up each, one statement for any count
            jdbc.query("SELECT k.id, (SELECT e.sequence_number FROM domain_event_entry e WHERE e.aggregate_identifier = k.id "
                            + "ORDER BY e.sequence_number DESC FETCH FIRST 1 ROWS ONLY), "
                            + "(SELECT e.global_index FROM domain_event_entry e WHERE e.aggregate_identifier = k.id "
                            + "ORDER BY e.sequence_number DESC FETCH FIRST 1 ROWS ONLY), "
                            + "(SELECT COUNT(*) FROM domain_event_entry e WHERE e.aggregate_identifier = k.id "
                            + "AND e.sequence_number = k.v) FROM (VALUES "
                            + String.join(", ", Collections.nCopies(chunk.size(), "(CAST(? AS VARCHAR(255)), CAST(? AS BIGINT))"))
                            + ") k(id, v)",
                    rs -> {
                        long sequence = rs.getLong(2);
                        boolean none = rs.wasNull();
                        stored.put(rs.getString(1), none ? null : new long[] {sequence, rs.getLong(3), rs.getLong(4)});
                    }, parameters);
            for (String id : chunk) {
                long[] found = stored.get(id);
                if (id.equals(lastEventOf) && found != null) {
                    lastIndex = found[1];
                }
                Long storedVersion = found == null ? null : found[0];
                Read read = scope == null ? null : scope.reads.get(id);
                // The version read must be committed (visible here), not just cached: another thread of this JVM
                // puts its new version in the cache before its transaction commits, and may yet roll back.
                boolean readIsStored = read == null || read.version() == null || (found != null && found[2] > 0);
                if (read != null && (!readIsStored || !read.cache().isCurrent(id, read.version(), storedVersion))) {
                    read.cache().markStale(id);
                    throw new ConcurrencyException("Aggregate " + id + " changed in the store after it was read from the cache");
                }
                Expectation expected = scope == null ? null : scope.expectations.get(id);
                if (expected != null && !Objects.equals(expected.version(), storedVersion)) {
                    expected.onStale().run();
                    throw new ConcurrencyException("State derived from " + id + " changed in the store after it was cached");
                }
            }
        }
        return lastIndex;
    }

    /** After a commit: what the scope owns goes back to the shared caches. */
    private static void share(Scope scope) {
        scope.pending.forEach((cache, entries) -> entries.forEach(cache::share));
    }

    /**
     * After a failed or rolled-back transaction: the entries it owns are dropped, never shared (Axon may have changed
     * a taken aggregate in place; the next command loads it from the store), and aggregates it assumed absent are asked of
     * the store next time (the failure may have been their creation clashing with a stored stream).
     */
    private static void forget(Scope scope) {
        scope.pending.clear();
        scope.reads.forEach((id, read) -> {
            if (read.version() == null) {
                read.cache().markStale(id);
            }
        });
    }
}
