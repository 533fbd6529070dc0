package org.commcredits.ledger.query.bench;

import org.commcredits.ledger.apps.QuerySideApplication;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.commcredits.ledger.query.admin.ProjectionReplays;
import org.commcredits.ledger.query.history.BalanceHistory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opt-in measurements on PostgreSQL ({@code -Dledger.bench=true}; figures go to {@code docs/benchmarks.md}):
 * <ul>
 *   <li>replay rate of a full rebuild of the ledger projection over {@code ledger.bench.events} events
 *       (default 1,000,000; target at least 25,000 events/s since issue 15), with the replay's JVM, ledger-thread
 *       and PostgreSQL-backend CPU;</li>
 *   <li>as-of balance of an account with 10,000 events (target under 200 ms).</li>
 * </ul>
 */
@EnabledIfSystemProperty(named = "ledger.bench", matches = "true")
class ReplayBenchmarkTest {

    private static final int TENANTS = 1_000;
    private static PostgresTestDatabase database;
    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void writeHistoryAndStart() throws Exception {
        database = PostgresTestDatabase.create("bench");
        Flyway.configure().dataSource(database.url(), database.user(), "").locations("classpath:db/migration/common").load().migrate();
        int events = Integer.getInteger("ledger.bench.events", 1_000_000);
        long started = System.nanoTime();
        long written = GeneratedHistory.write(database.url(), database.user(), "bench-", TENANTS, events / TENANTS,
                Instant.parse("2025-01-01T00:00:00Z"));
        GeneratedHistory.write(database.url(), database.user(), "asof-", 1, 10_000, Instant.parse("2025-06-01T00:00:00Z"));
        System.out.printf("BENCH generated %,d events (+10,000 as-of) in %.1f s%n", written, (System.nanoTime() - started) / 1e9);
        context = new SpringApplicationBuilder(QuerySideApplication.class).properties(
                "server.port=0",
                "LEDGER_DB_URL=" + database.url(),
                "LEDGER_DB_USER=" + database.user(),
                "LEDGER_SANDBOX=false",
                "ledger.verify.scheduled=false",
                // only the projection under test tracks the store; the others would share the two cores
                // (eligibility, notifications and the rest still catching up made the replay's figures theirs too)
                "axon.eventhandling.processors.balance.mode=subscribing",
                "axon.eventhandling.processors.invoices.mode=subscribing",
                "axon.eventhandling.processors.eligibility.mode=subscribing",
                "axon.eventhandling.processors.notifications.mode=subscribing",
                "axon.eventhandling.processors.usage.mode=subscribing",
                "axon.eventhandling.processors.webhooks.mode=subscribing",
                "axon.eventhandling.processors.failing-probe.mode=subscribing",
                "logging.level.root=WARN",
                "logging.level.org.commcredits=INFO").run();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void replaysTheLedgerProjection() throws InterruptedException {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        ProcessorPositions positions = context.getBean(ProcessorPositions.class);
        long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        long catchUpStart = System.nanoTime();
        while (!positions.hasReached("ledger", head)) {
            Thread.sleep(100);
        }
        double catchUp = (System.nanoTime() - catchUpStart) / 1e9;
        System.out.printf("BENCH initial catch-up of ledger: %,d events in %.1f s = %,.0f events/s%n", head, catchUp, head / catchUp);

        ProjectionReplays replays = context.getBean(ProjectionReplays.class);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long postgresBefore = postgresCpuMillis(database.name());
        replays.start("ledger", "bench");
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (replays.isRebuilding("ledger") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        ProjectionReplays.Progress done = replays.progress("ledger").orElse(null);
        System.out.printf("BENCH replay of ledger: %s; JVM CPU %.1f s (ledger thread %.1f s); PostgreSQL backends CPU %.1f s; "
                        + "load average %.1f%n", done, (os.getProcessCpuTime() - cpuBefore) / 1e9, ledgerThreadCpuSeconds(),
                (postgresCpuMillis(database.name()) - postgresBefore) / 1e3, os.getSystemLoadAverage());
        Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM rm_ledger_entry", Long.class);
        Long movements = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type LIKE '%.Funds%'", Long.class);
        assertThat(rows).isEqualTo(movements);
        assertThat(done).isNotNull();
        assertThat(done.state()).isEqualTo("FINISHED");
    }

    /** CPU of the ledger processor's threads (started by the replay, so all of it is the replay's). */
    private static double ledgerThreadCpuSeconds() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("EventProcessor[ledger]"))
                .mapToLong(thread -> Math.max(0, threads.getThreadCpuTime(thread.getId())))
                .sum() / 1e9;
    }

    /**
     * CPU used so far by the PostgreSQL backends serving {@code databaseName}, read from {@code /proc} (the server
     * runs on this host in the benchmark's setting; 0 where it cannot be read). On a 2-core machine the server's
     * share of the work matters as much as the JVM's.
     */
    private static long postgresCpuMillis(String databaseName) {
        long ticks = 0;
        java.io.File[] processes = new java.io.File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
        if (processes == null) {
            return 0;
        }
        for (java.io.File process : processes) {
            try {
                String title = new String(java.nio.file.Files.readAllBytes(process.toPath().resolve("cmdline")),
                        java.nio.charset.StandardCharsets.UTF_8);
                if (!title.startsWith("postgres:") || !title.contains(" " + databaseName + " ")) {
                    continue;
                }
                String stat = java.nio.file.Files.readString(process.toPath().resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (java.io.IOException | RuntimeException gone) {
                // a backend that ended while being read
            }
        }
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    @Test
    void answersAsOfForAnAccountWith10000Events() {
        BalanceHistory history = context.getBean(BalanceHistory.class);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        // after the last of the 10,000 events: the worst case, every event is read and folded
        Instant asOf = Instant.parse("2025-06-01T00:00:00Z").plusSeconds(10_000 * 60L);
        long[] millis = new long[30];
        long cpuNanos = 0;
        for (int i = -10; i < millis.length; i++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            BalanceHistory.BalanceView view = history.balanceAt("asof-0", asOf);
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1_000_000;
                cpuNanos += threads.getCurrentThreadCpuTime() - cpuStart;
            }
            assertThat(view.tranches()).isNotEmpty();
        }
        Arrays.sort(millis);
        System.out.printf("BENCH as-of over 10,000 events: median %d ms, p90 %d ms, max %d ms; JVM CPU %.1f ms per answer%n",
                millis[millis.length / 2], millis[(int) (millis.length * 0.9)], millis[millis.length - 1],
                cpuNanos / 1e6 / millis.length);
    }
}
