package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opt-in ({@code -Dledger.bench=true}): projection lag in split mode, from the command's answer on the
 * command side to the moment the query side's read models (balance, ledger, invoices) have committed the
 * command's last event, measured on the shared token table every millisecond. Both applications run as
 * separate Spring applications with separate event stores on one PostgreSQL database, as two JVMs would;
 * the query side sees the command side's events only by polling the database.
 */
@EnabledIfSystemProperty(named = "ledger.bench", matches = "true")
class ProjectionLagBenchmarkTest {

    private static final String[] READ_MODELS = {"balance", "ledger", "invoices"};

    @Test
    void measuresLagFromCommandAnswerToQueryVisibility() throws InterruptedException {
        int commands = Integer.getInteger("ledger.bench.commands", 500);
        PostgresTestDatabase database = PostgresTestDatabase.create("lag");
        try (ConfigurableApplicationContext commandSide = start(CommandSideApplication.class, database, "--server.port=0");
             ConfigurableApplicationContext querySide = start(QuerySideApplication.class, database, "--server.port=0",
                     // this module's application.yml (standalone) shadows the query side's: restore its settings
                     "--ledger.role=query-side", "--axon.timeout.enabled=false", "--ledger.verify.scheduled=false",
                     "--ledger.processors.segments=" + Integer.getInteger("ledger.bench.segments", 2))) {
            LedgerHttp http = LedgerHttp.onPort(((WebServerApplicationContext) commandSide).getWebServer().getPort());
            ProcessorPositions positions = querySide.getBean(ProcessorPositions.class);
            int tenants = 20;
            for (int t = 0; t < tenants; t++) {
                assertThat(http.post("billing_admin", "/api/tenants/lag-" + t + "/credit-account",
                        "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}").status()).isEqualTo(201);
            }
            long[] lagMicros = new long[commands];
            for (int i = -20; i < commands; i++) {
                LedgerHttp.Answer funded = http.post("billing_admin", "/api/tenants/lag-" + Math.floorMod(i, tenants)
                        + "/credit-account/funds", "{\"amount\":\"50.00\"}");
                long answeredAt = System.nanoTime();
                assertThat(funded.status()).isEqualTo(201);
                long sequence = funded.sequence();
                for (String readModel : READ_MODELS) {
                    while (!positions.hasReached(readModel, sequence)) {
                        Thread.sleep(1);
                    }
                }
                if (i >= 0) {
                    lagMicros[i] = (System.nanoTime() - answeredAt) / 1_000;
                }
                Thread.sleep(20);
            }
            Arrays.sort(lagMicros);
            System.out.printf("BENCH split-mode lag over %d commands: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    commands, lagMicros[commands / 2] / 1000.0, lagMicros[(int) (commands * 0.9)] / 1000.0,
                    lagMicros[(int) (commands * 0.99)] / 1000.0, lagMicros[commands - 1] / 1000.0);
            assertThat(lagMicros[(int) (commands * 0.99)]).isLessThan(250_000);
        } finally {
            database.drop();
        }
    }

    /** Starts one side; command-line arguments, because they outrank the application.yml on this module's classpath. */
    private static ConfigurableApplicationContext start(Class<?> application, PostgresTestDatabase database, String... arguments) {
        return new SpringApplicationBuilder(application)
                .properties("LEDGER_DB_URL=" + database.url(), "LEDGER_DB_USER=" + database.user(), "LEDGER_SANDBOX=true",
                        "logging.level.root=WARN", "logging.level.org.commcredits=INFO")
                .run(arguments);
    }
}
