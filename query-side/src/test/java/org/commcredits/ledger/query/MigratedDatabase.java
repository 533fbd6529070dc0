package org.commcredits.ledger.query;

import com.zaxxer.hikari.HikariDataSource;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/** A fresh database with the application's migrations, on embedded H2 or on PostgreSQL, for read-model tests. */
public final class MigratedDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final PostgresTestDatabase postgres;

    private MigratedDatabase(String url, String user, PostgresTestDatabase postgres, int poolSize) {
        this.postgres = postgres;
        this.dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setMaximumPoolSize(poolSize);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common").load().migrate();
    }

    /** {@code "h2"} or {@code "postgres"} (skipped locally when PostgreSQL is down, failing in CI). */
    public static MigratedDatabase of(String kind, String prefix) {
        return of(kind, prefix, 2);
    }

    /** With a connection pool of {@code poolSize} (the applications use 20), for tests that write from several threads. */
    public static MigratedDatabase of(String kind, String prefix, int poolSize) {
        if ("postgres".equals(kind)) {
            PostgresTestDatabase database = PostgresTestDatabase.create(prefix);
            return new MigratedDatabase(database.url(), database.user(), database, poolSize);
        }
        return new MigratedDatabase(H2TestDatabase.memoryUrl(prefix), "sa", null, poolSize);
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    @Override
    public void close() {
        dataSource.close();
        if (postgres != null) {
            postgres.drop();
        }
    }
}
