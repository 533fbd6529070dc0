package org.commcredits.ledger.apps;

import org.commcredits.ledger.command.config.CommandSideConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import java.util.TimeZone;

/** The command side alone: aggregates and command paths, writing to the shared event store. */
@SpringBootApplication(scanBasePackages = "org.commcredits.ledger.platform")
@Import(CommandSideConfiguration.class)
public class CommandSideApplication {

    public static void main(String[] args) {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
