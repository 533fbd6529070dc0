package org.commcredits.ledger.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.console.*}. {@code apiUrl} is where the console finds the HTTP API (in split mode the
 * address that routes command paths to command-side and query paths to query-side); empty means this
 * application's own port on the loopback, which is right in standalone mode.
 */
@ConfigurationProperties("ledger.console")
public record ConsoleProperties(String apiUrl) {

    public ConsoleProperties {
        apiUrl = apiUrl == null || apiUrl.isBlank() ? null : apiUrl.replaceAll("/+$", "");
    }
}
