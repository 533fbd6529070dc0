package org.commcredits.ledger.platform.boot;

import org.commcredits.ledger.platform.security.SandboxUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Collectors;

/** Prints where the ledger listens, which database it uses and, in the sandbox, who can log in. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final boolean sandbox;
    private final String role;
    private final DataSource dataSource;

    StartupReport(@Value("${ledger.sandbox.enabled:false}") boolean sandbox,
                  @Value("${ledger.role:ledger}") String role, DataSource dataSource) {
        this.sandbox = sandbox;
        this.role = role;
        this.dataSource = dataSource;
    }

    @EventListener
    void ready(ApplicationReadyEvent ready) {
        if (!(ready.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String url = "http://localhost:" + web.getWebServer().getPort();
        StringBuilder report = new StringBuilder()
                .append("\n\n  Communication Credits Ledger (").append(role).append(") is up at ").append(url)
                .append("\n  API documentation: ").append(url).append("/swagger-ui.html")
                .append("\n  Database: ").append(databaseUrl());
        if (sandbox) {
            report.append("\n  Sandbox is ON: test clock at ").append(url).append("/api/test-clock; users (password = name): ")
                    .append(SandboxUsers.all().stream().map(SandboxUsers.Sandbox::name).collect(Collectors.joining(", ")))
                    .append("\n  Try: curl -u billing_admin:billing_admin -H 'Content-Type: application/json' -d '{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}' ")
                    .append(url).append("/api/tenants/contoso/credit-account");
        }
        report.append('\n');
        log.info(report.toString());
        System.out.println("Ledger listening on " + url);
    }

    private String databaseUrl() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            return "unreachable (" + e.getMessage() + ")";
        }
    }
}
