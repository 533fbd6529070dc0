package org.commcredits.ledger.command.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.commcredits.ledger.platform.storage.FreshAggregateCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One bounded cache per aggregate type on the call path, named in each {@code @Aggregate(cache = ...)}.
 * Every hit is checked against the store (one indexed query) unless {@code ledger.aggregate-cache.verify}
 * is false, so several command-side instances may share one database (docs/operations.md, "Scale").
 * Sizes: {@code ledger.aggregate-cache.max-entries} (default 10,000) per type, and
 * {@code ledger.aggregate-cache.licenses-max-entries} (default 1,000) for tenants' license inventories,
 * which hold every user of a tenant.
 */
@Configuration
public class AggregateCacheConfiguration {

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final long maxEntries;
    private final long licensesMaxEntries;
    private final boolean verify;

    AggregateCacheConfiguration(JdbcTemplate jdbc, MeterRegistry meters,
                                @Value("${ledger.aggregate-cache.max-entries:10000}") long maxEntries,
                                @Value("${ledger.aggregate-cache.licenses-max-entries:1000}") long licensesMaxEntries,
                                @Value("${ledger.aggregate-cache.verify:true}") boolean verify) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.maxEntries = maxEntries;
        this.licensesMaxEntries = licensesMaxEntries;
        this.verify = verify;
    }

    @Bean
    public FreshAggregateCache creditAccountCache() {
        return cache("CreditAccount", maxEntries);
    }

    @Bean
    public FreshAggregateCache poolCache() {
        return cache("Pool", maxEntries);
    }

    @Bean
    public FreshAggregateCache callCache() {
        return cache("Call", maxEntries);
    }

    @Bean
    public FreshAggregateCache userSpendLimitCache() {
        return cache("UserSpendLimit", maxEntries);
    }

    @Bean
    public FreshAggregateCache tenantLicensesCache() {
        return cache("TenantLicenses", licensesMaxEntries);
    }

    private FreshAggregateCache cache(String aggregate, long size) {
        return new FreshAggregateCache(aggregate, size, verify, jdbc, meters);
    }
}
