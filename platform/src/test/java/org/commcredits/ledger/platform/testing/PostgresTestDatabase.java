package org.commcredits.ledger.platform.testing;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one test class on the local server (127.0.0.1:5432, trust auth,
 * as on the CI machine; override with {@code LEDGER_TEST_PG_URL}, {@code LEDGER_TEST_PG_USER}).
 *
 * <p>When the server is unreachable the test is skipped on a developer machine, but fails in CI
 * ({@code CI=true}): PostgreSQL-backed tests must run there, never silently skip.
 */
public final class PostgresTestDatabase {

    private static final String SERVER = env("LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = env("LEDGER_TEST_PG_USER", "postgres");

    private final String name;

    private PostgresTestDatabase(String name) {
        this.name = name;
    }

    /** Creates a database named after the test ({@code ledger_t_<prefix>_<random>}). */
    public static PostgresTestDatabase create(String prefix) {
        String name = ("ledger_t_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException unreachable) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL is required in CI but unreachable at " + SERVER, unreachable);
            }
            Assumptions.abort("PostgreSQL not reachable at " + SERVER + ": " + unreachable.getMessage());
        }
        return new PostgresTestDatabase(name);
    }

    public String url() {
        return SERVER + name;
    }

    public String user() {
        return USER;
    }

    public String name() {
        return name;
    }

    /** Drops the database; call from {@code @AfterAll} once every context using it is closed. */
    public void drop() {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // a leftover test database is harmless; the next CI machine starts clean
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
