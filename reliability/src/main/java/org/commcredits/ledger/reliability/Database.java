package org.commcredits.ledger.reliability;

import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A PostgreSQL database of its own for one scenario, and the faults the harness injects into it. */
final class Database implements AutoCloseable {

    private static final String SERVER = System.getenv().getOrDefault("LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");

    private final String name;

    private Database(String name) {
        this.name = name;
    }

    static Database create(String scenario) {
        String name = "ledger_t_rel_" + scenario.replaceAll("[^a-z0-9]", "_") + "_" + UUID.randomUUID().toString().substring(0, 6);
        admin("CREATE DATABASE " + name);
        return new Database(name);
    }

    /** Whether the local server answers; the harness needs it (CI fails, a developer machine skips). */
    static boolean reachable() {
        try (Connection ignored = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    String url() {
        return SERVER + name;
    }

    /**
     * The database becomes unreachable for the ledger: new connections are refused and every open one is
     * terminated (what a restart does to clients), without touching the server's other databases.
     */
    void block() {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()");
    }

    void unblock() {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    /** Restarts the whole PostgreSQL server, as the issue asks: every client of every database loses its connections. */
    static void restartServer() {
        String[] versions = new File("/etc/postgresql").list();
        if (versions == null || versions.length == 0) {
            throw new IllegalStateException("no PostgreSQL cluster under /etc/postgresql");
        }
        try {
            Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", versions[0], "main", "restart")
                    .inheritIO().start();
            if (restart.waitFor() != 0) {
                throw new IllegalStateException("pg_ctlcluster restart failed with " + restart.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) {
        try (Connection connection = DriverManager.getConnection(url(), "postgres", "");
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        try {
            unblock();
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException ignored) {
            // left for .ci/run, which drops ledger_t_* databases before each run
        }
    }

    private static void admin(String sql) {
        for (int attempt = 1; ; attempt++) {
            try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                 Statement statement = admin.createStatement()) {
                statement.execute(sql);
                return;
            } catch (SQLException e) {
                if (attempt >= 30) {
                    throw new IllegalStateException(sql, e);
                }
                LedgerProcess.sleep(1_000); // the server may be restarting
            }
        }
    }
}
