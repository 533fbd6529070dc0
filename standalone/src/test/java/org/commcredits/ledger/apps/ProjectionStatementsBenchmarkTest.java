package org.commcredits.ledger.apps;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opt-in ({@code -Dledger.bench=true}): how many SQL statements and round trips each live projection sends per
 * completed call (authorise + complete, paid from credits), and how much CPU its thread spends, on the
 * standalone application on PostgreSQL. Statements are counted on the JDBC connections handed out to the
 * projections' threads ({@code EventProcessor[name]-n}): every {@code execute*} and every {@code addBatch} is a
 * statement, every {@code execute*} and {@code executeBatch} a round trip. Figures in {@code docs/benchmarks.md}.
 */
@EnabledIfSystemProperty(named = "ledger.bench", matches = "true")
class ProjectionStatementsBenchmarkTest {

    private static final Set<String> PROJECTIONS = Set.of("balance", "eligibility", "usage", "ledger", "notifications",
            "invoices", "webhooks");
    private static final List<String> MEASURED = List.of("balance", "eligibility", "usage", "ledger");
    private static final String RATES = """
            prefix,destination,perMinute,connectionFee,currency,effectiveFrom
            1,United States,0.0200,0.0000,USD,2020-01-01T00:00:00Z
            """;

    @Test
    void countsStatementsPerCompletedCall() throws Exception {
        int tenants = Integer.getInteger("ledger.bench.tenants", 20);
        int calls = Integer.getInteger("ledger.bench.calls", 2_000);
        int warmup = Integer.getInteger("ledger.bench.warmup-calls", 500);
        int clients = Integer.getInteger("ledger.bench.clients", 8);
        PostgresTestDatabase database = PostgresTestDatabase.create("statements");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StandaloneApplication.class)
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new CountingDataSources()))
                .properties("LEDGER_DB_URL=" + database.url(), "LEDGER_DB_USER=" + database.user(), "LEDGER_SANDBOX=true",
                        "logging.level.root=WARN")
                .run("--server.port=0")) {
            LedgerHttp http = LedgerHttp.onPort(((WebServerApplicationContext) app).getWebServer().getPort());
            ProcessorPositions positions = app.getBean(ProcessorPositions.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(http.sendRaw("rates_admin", "PUT", "/api/rate-cards/main", "text/csv", RATES).status()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            for (int t = 0; t < tenants; t++) {
                ids.add(tenant(http, "stmt-" + t));
            }
            AtomicInteger next = new AtomicInteger();
            run(http, ids, warmup, clients, next);
            awaitProjections(positions, jdbc);

            // -Dledger.bench.backlog=true: the measured projections are stopped during the calls and catch up
            // afterwards, in full batches (what a projection behind the call rate does)
            boolean backlog = Boolean.getBoolean("ledger.bench.backlog");
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            if (backlog) {
                MEASURED.forEach(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow().shutDown());
            }
            Thread.sleep(200); // the stopped processors' threads end; their successors start at zero CPU time
            Map<String, Long> cpuBefore = cpuByProjection();
            long eventsBefore = head(jdbc);
            COUNTS.clear();
            long started = System.nanoTime();
            run(http, ids, calls, clients, next);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (backlog) {
                MEASURED.forEach(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow().start());
            }
            awaitProjections(positions, jdbc);
            long events = head(jdbc) - eventsBefore;
            Map<String, Long> cpuAfter = cpuByProjection();

            System.out.printf("BENCH%s %d calls (%d clients, %d tenants) in %.1f s = %.0f calls/s, %d events (%.2f per call)%n",
                    backlog ? " backlog:" : "", calls, clients, tenants, seconds, calls / seconds, events, (double) events / calls);
            System.out.println("BENCH projection | statements/call | statements/event | round trips/call | commits/call | CPU ms/call");
            for (String projection : new TreeMap<>(COUNTS).keySet()) {
                Counts c = COUNTS.get(projection);
                double cpuMs = (cpuAfter.getOrDefault(projection, 0L) - cpuBefore.getOrDefault(projection, 0L)) / 1e6;
                System.out.printf("BENCH %s | %.2f | %.2f | %.2f | %.2f | %.3f%n", projection,
                        c.statements.doubleValue() / calls, c.statements.doubleValue() / events,
                        c.roundTrips.doubleValue() / calls, c.commits.doubleValue() / calls, cpuMs / calls);
            }
        } finally {
            database.drop();
        }
    }

    private static String tenant(LedgerHttp http, String prefix) {
        String t = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("billing_admin", "/api/tenants/" + t + "/credit-account",
                "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}").status()).isEqualTo(201);
        assertThat(http.put("billing_admin", "/api/tenants/" + t + "/credit-account/payment-method",
                "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}").status()).isEqualTo(200);
        assertThat(http.post("billing_admin", "/api/tenants/" + t + "/credit-account/funds",
                "{\"amount\":\"5000.00\"}").status()).isEqualTo(201);
        for (String sku : List.of("TEAMS_PHONE", "CALLING_PLAN_PAYG")) {
            assertThat(http.post("license_admin", "/api/tenants/" + t + "/subscriptions",
                    "{\"sku\":\"" + sku + "\",\"seats\":1}").status()).isEqualTo(201);
        }
        assertThat(http.put("license_admin", "/api/tenants/" + t + "/users/u/usage-location",
                "{\"country\":\"US\"}").status()).isEqualTo(200);
        for (String sku : List.of("TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS")) {
            LedgerHttp.Answer assigned = http.post("license_admin", "/api/tenants/" + t + "/users/u/licenses",
                    "{\"sku\":\"" + sku + "\"}");
            assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
        }
        return t;
    }

    private static void run(LedgerHttp http, List<String> tenants, int calls, int clients, AtomicInteger next) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger remaining = new AtomicInteger(calls);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    int n = next.getAndIncrement();
                    String t = tenants.get(n % tenants.size());
                    LedgerHttp.Answer authorised = http.post("telephony", "/api/tenants/" + t + "/calls/k" + n + "/authorize",
                            "{\"userId\":\"u\",\"destination\":\"+12025550100\",\"callType\":\"OUTBOUND\"}");
                    assertThat(authorised.status()).as(authorised.body()).isEqualTo(200);
                    assertThat(authorised.json().get("fundedBy").asText()).isEqualTo("CREDITS");
                    LedgerHttp.Answer completed = http.post("telephony", "/api/tenants/" + t + "/calls/k" + n + "/complete",
                            "{\"durationSeconds\":95}");
                    assertThat(completed.status()).as(completed.body()).isEqualTo(200);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static long head(JdbcTemplate jdbc) {
        Long head = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    private static void awaitProjections(ProcessorPositions positions, JdbcTemplate jdbc) throws InterruptedException {
        long head = head(jdbc);
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (String projection : MEASURED) {
            while (!positions.hasReached(projection, head)) {
                assertThat(System.nanoTime()).as(projection + " caught up within 120 s").isLessThan(deadline);
                Thread.sleep(10);
            }
        }
        Thread.sleep(500); // the other processors' last batches
    }

    private static Map<String, Long> cpuByProjection() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String projection = projectionOf(thread.getName());
            if (projection != null) {
                long nanos = threads.getThreadCpuTime(thread.getId());
                cpu.merge(projection, Math.max(nanos, 0), Long::sum);
            }
        }
        return cpu;
    }

    /** {@code EventProcessor[balance]-0} is a thread of the {@code balance} processor. */
    static String projectionOf(String thread) {
        if (!thread.startsWith("EventProcessor[")) {
            return null;
        }
        String name = thread.substring("EventProcessor[".length(), thread.indexOf(']'));
        return PROJECTIONS.contains(name) ? name : null;
    }

    private static final Map<String, Counts> COUNTS = new ConcurrentHashMap<>();

    private static final class Counts {
        final LongAdder statements = new LongAdder();
        final LongAdder roundTrips = new LongAdder();
        final LongAdder commits = new LongAdder();
    }

    private static Counts counts() {
        String projection = projectionOf(Thread.currentThread().getName());
        return projection == null ? null : COUNTS.computeIfAbsent(projection, k -> new Counts());
    }

    /** Wraps the application's data source so that the projections' statements are counted. */
    private static final class CountingDataSources implements BeanPostProcessor {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (bean instanceof DataSource source && !(bean instanceof DelegatingDataSource)) {
                return new DelegatingDataSource(source) {
                    @Override
                    public Connection getConnection() throws SQLException {
                        return counting(super.getConnection());
                    }

                    @Override
                    public Connection getConnection(String user, String password) throws SQLException {
                        return counting(super.getConnection(user, password));
                    }
                };
            }
            return bean;
        }
    }

    private static Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler(connection, (method, args) -> {
                    Counts c = counts();
                    if (c != null && method.equals("commit")) {
                        c.commits.increment();
                    }
                }, true));
    }

    private interface Observer {
        void saw(String method, Object[] args);
    }

    private static InvocationHandler handler(Object target, Observer observer, boolean wrapStatements) {
        return (proxy, method, args) -> {
            observer.saw(method.getName(), args);
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (wrapStatements && result instanceof Statement statement) {
                Class<?> type = result instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                        : result instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
                return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type},
                        handler(statement, (name, a) -> {
                            Counts c = counts();
                            if (c == null) {
                                return;
                            }
                            if (name.equals("addBatch")) {
                                c.statements.increment();
                            } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                                c.roundTrips.increment();
                            } else if (name.startsWith("execute")) {
                                c.statements.increment();
                                c.roundTrips.increment();
                            }
                        }, false));
            }
            return result;
        };
    }
}
