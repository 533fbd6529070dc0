package org.commcredits.ledger.console;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The console for people (issue 14): server-rendered pages at {@code /} and {@code /console/**}, signed in
 * with the ledger's own users. It reads and writes only through the ledger's HTTP API
 * ({@link org.commcredits.ledger.console.api.LedgerApi}), with the signed-in user's credential, so it shows
 * what any other client would see and works the same in standalone and split mode.
 */
@Configuration
@ComponentScan("org.commcredits.ledger.console")
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleConfiguration {
}
