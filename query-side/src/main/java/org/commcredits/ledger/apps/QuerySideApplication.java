package org.commcredits.ledger.apps;

import org.commcredits.ledger.query.config.QuerySideConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import java.util.TimeZone;

/** The query side alone: tracks the shared event store from its own JVM and answers queries. */
@SpringBootApplication(scanBasePackages = "org.commcredits.ledger.platform")
@Import(QuerySideConfiguration.class)
public class QuerySideApplication {

    public static void main(String[] args) {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
