package org.commcredits.ledger.platform.storage;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Axon's aggregate cache ({@code @Aggregate(cache = ...)}) over a bounded Caffeine cache, for one aggregate
 * type, that never hands out an aggregate another JVM has moved on from.
 *
 * <p>Why: loading an aggregate from the store reads its snapshot and every event since, and deserialising
 * those events was a third of the call path's CPU (docs/benchmarks.md). Axon's caching repository keeps the
 * aggregate in memory between commands and drops it when a unit of work rolls back, but it trusts the entry:
 * with several command-side instances on one database, a cached account could decide on a balance another
 * instance already changed. A write would still be caught (the append of an existing sequence number is a
 * {@code ConcurrencyException}, retried by {@code CommandExecutor}), but a decision that writes nothing to
 * that aggregate (a call denied for want of credit) would not.
 *
 * <p>So every hit is checked against the store first: the entry's version must equal the aggregate's
 * highest stored sequence number, read in the caller's transaction with one indexed query. On a mismatch the
 * entry is dropped and Axon loads the aggregate from the store. The check can be switched off
 * ({@code ledger.aggregate-cache.verify=false}) only where exactly one JVM writes the event store.
 */
public final class FreshAggregateCache implements Cache {

    private static final Field VERSION = versionField();

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;
    /** Aggregates found stale or wrongly assumed absent: their existence is asked of the store, not assumed. */
    private final com.github.benmanes.caffeine.cache.Cache<Object, Boolean> mustCheck;
    private final JdbcTemplate jdbc;
    private final boolean verify;
    private final Counter hits;
    private final Counter misses;
    private final Counter stale;

    public FreshAggregateCache(String aggregate, long maxEntries, boolean verify, JdbcTemplate jdbc, MeterRegistry meters) {
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).build();
        this.mustCheck = Caffeine.newBuilder().maximumSize(Math.max(1_000, maxEntries / 10)).build();
        this.jdbc = jdbc;
        this.verify = verify;
        this.hits = meters.counter("ledger.aggregate.cache", "aggregate", aggregate, "result", "hit");
        this.misses = meters.counter("ledger.aggregate.cache", "aggregate", aggregate, "result", "miss");
        this.stale = meters.counter("ledger.aggregate.cache", "aggregate", aggregate, "result", "stale");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object own = OptimisticReads.ownedBy(this, key.toString());
        if (own != null) { // this command's own entry: taken from the cache, or its new version not yet shared
            hits.increment();
            return (V) own;
        }
        Object entry = OptimisticReads.active() ? entries.asMap().remove(key) : entries.getIfPresent(key);
        if (entry == null) {
            misses.increment();
            return null;
        }
        if (OptimisticReads.active()) {
            // Taken, not shared: Axon changes the cached aggregate object in place, so no other thread may use it
            // until this command's transaction has committed (then it is shared again) or failed (then dropped).
            OptimisticReads.take(this, key.toString(), entry,
                    entry instanceof AggregateCacheEntry<?> cached ? versionOf(cached) : null, verify);
        } else if (verify && entry instanceof AggregateCacheEntry<?> cached && !isCurrent(key, cached)) {
            entries.invalidate(key);
            stale.increment();
            return null;
        }
        hits.increment();
        return (V) entry;
    }

    /**
     * For {@link OptimisticReads#verify}: whether the store's highest sequence number of {@code key} ({@code stored},
     * null when it has no event) is what this cache holds now, or, once the entry is gone, what was read.
     */
    boolean isCurrent(String key, Long versionRead, Long stored) {
        Object own = OptimisticReads.ownedBy(this, key);
        Object entry = own != null ? own : entries.getIfPresent(key);
        Long expected = entry instanceof AggregateCacheEntry<?> cached ? versionOf(cached) : versionRead;
        return Objects.equals(expected, stored);
    }

    /** Drops the entry of {@code key} and makes the next existence check of it ask the store. */
    void markStale(String key) {
        entries.invalidate(key);
        mustCheck.put(key, Boolean.TRUE);
        stale.increment();
    }

    /** Whether the store holds no event of the aggregate beyond the cached version. */
    private boolean isCurrent(Object key, AggregateCacheEntry<?> cached) {
        // ORDER BY ... FETCH FIRST, not MAX(): under load PostgreSQL's cached plan for the MAX() form read the
        // whole stream's index entries (122 million in a benchmark, two thousand per call on a busy account)
        List<Long> stored = jdbc.queryForList("SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC FETCH FIRST 1 ROWS ONLY", Long.class, key.toString());
        return Objects.equals(stored.isEmpty() ? null : stored.get(0), versionOf(cached));
    }

    /**
     * Inside an {@link OptimisticReads} scope the entry is kept by the scope and shared only once its transaction
     * has committed ({@link #share}): other threads never see a version that may yet roll back.
     */
    @Override
    public void put(Object key, Object value) {
        if (!OptimisticReads.defer(this, key.toString(), value)) {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    /** Shares an entry a scope put, after its transaction committed. */
    void share(String key, Object value) {
        entries.put(key, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.get(key, k -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        boolean own = OptimisticReads.drop(this, key.toString());
        return entries.asMap().remove(key) != null || own;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return OptimisticReads.ownedBy(this, key.toString()) != null || entries.getIfPresent(key) != null;
    }

    /** Aggregate caches have no listeners in Axon 4; failing loudly beats silently dropping one. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("FreshAggregateCache does not notify listeners");
    }

    /**
     * Whether the aggregate may exist: it is cached, or the store holds an event of it (one indexed query,
     * in the caller's transaction; inside {@link OptimisticReads#run} none: the aggregate is assumed absent and
     * that is checked before the command commits). Lets a reader skip Axon's load (a snapshot read and an event read) for an
     * aggregate that is usually absent, such as a new call or a user without a spend limit.
     */
    public boolean mayExist(String aggregateId) {
        if (containsKey(aggregateId)) {
            return true;
        }
        if (OptimisticReads.active() && mustCheck.getIfPresent(aggregateId) == null) {
            OptimisticReads.note(this, aggregateId, null); // assumed absent: checked before the command commits
            return false;
        }
        boolean stored = !jdbc.queryForList("SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = ? FETCH FIRST 1 ROWS ONLY",
                Integer.class, aggregateId).isEmpty();
        if (!stored) {
            mustCheck.invalidate(aggregateId); // asked once: later commands may assume its absence again
        }
        return stored;
    }

    /**
     * Tells the current {@link OptimisticReads} scope that the caller found {@code aggregateId} absent in the store
     * (as a batch does with one query for many ids), so that creating it reads nothing more; checked again before
     * the command commits. Does nothing outside a scope.
     */
    public void knownAbsent(String aggregateId) {
        if (OptimisticReads.active() && !containsKey(aggregateId)) {
            OptimisticReads.note(this, aggregateId, null);
        }
    }

    static Long versionOf(AggregateCacheEntry<?> entry) {
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the version of a cached aggregate", e);
        }
    }

    /**
     * Axon 4.13 keeps the cached aggregate's version in a private field and offers no getter; reading it
     * here is the price of checking freshness without a repository of our own. {@code FreshAggregateCacheTest}
     * fails on an Axon upgrade that renames it, and the application then fails at start rather than later.
     */
    private static Field versionField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("Axon's AggregateCacheEntry has no 'version' field any more: " + e);
        }
    }
}
