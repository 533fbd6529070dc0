package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/**
 * Base of HTTP tests against the standalone application on PostgreSQL. Every subclass shares one database
 * and one application context (Spring caches it), so adding a test class costs no new start-up. Tests keep
 * out of each other's way by using their own tenant ids ({@link #newTenant}).
 */
@AutoConfigureObservability // tests otherwise switch metrics export off; metrics are part of the product
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"LEDGER_SANDBOX=true", "logging.level.root=WARN", "logging.level.org.commcredits=INFO"})
public abstract class LedgerOnPostgres {

    static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("standalone");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("LEDGER_DB_URL", DATABASE::url);
        registry.add("LEDGER_DB_USER", DATABASE::user);
    }

    @LocalServerPort
    int port;

    protected LedgerHttp http() {
        return LedgerHttp.onPort(port);
    }

    protected static String newTenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
