package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A ledger application started for a test on a random port, as a real process would be (its own
 * application context, its own web server), so that tests can stop and restart it or run the command side
 * and the query side side by side on one database.
 */
final class RunningLedger implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningLedger(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts an application. Properties are given as Spring "default properties", the lowest precedence, so
     * they set the environment-variable names the configuration reads ({@code PORT}, {@code LEDGER_DB_URL},
     * ...) exactly as an operator would.
     */
    static RunningLedger start(Class<?> application, String dbUrl, String dbUser, String... extraProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "PORT=0",
                "LEDGER_DB_URL=" + dbUrl,
                "LEDGER_DB_USER=" + dbUser,
                "LEDGER_SANDBOX=true",
                "logging.level.root=WARN",
                "logging.level.org.commcredits=INFO"));
        properties.addAll(List.of(extraProperties));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .properties(properties.toArray(String[]::new))
                .run();
        return new RunningLedger(context);
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    LedgerHttp http() {
        return LedgerHttp.onPort(port());
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
