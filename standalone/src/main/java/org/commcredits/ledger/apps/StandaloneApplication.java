package org.commcredits.ledger.apps;

import org.commcredits.ledger.command.config.CommandSideConfiguration;
import org.commcredits.ledger.console.ConsoleConfiguration;
import org.commcredits.ledger.query.config.QuerySideConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import java.util.TimeZone;

/**
 * Both sides in one JVM on one database: the embedded default (H2 in file mode under {@code ./data},
 * sandbox users and test clock on), with the console for people at {@code /}. Every setting can be overridden, e.g. to run on PostgreSQL.
 */
@SpringBootApplication(scanBasePackages = "org.commcredits.ledger.platform")
@Import({CommandSideConfiguration.class, QuerySideConfiguration.class, ConsoleConfiguration.class})
public class StandaloneApplication {

    public static void main(String[] args) {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
