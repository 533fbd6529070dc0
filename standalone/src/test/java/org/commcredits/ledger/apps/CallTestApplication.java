package org.commcredits.ledger.apps;

import org.commcredits.ledger.command.config.CommandSideConfiguration;
import org.commcredits.ledger.query.config.QuerySideConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The standalone application plus the credit-account and licensing stand-ins of {@link CreditAndLicensingStubs}. */
@SpringBootApplication(scanBasePackages = "org.commcredits.ledger.platform")
@Import({CommandSideConfiguration.class, QuerySideConfiguration.class})
public class CallTestApplication {

    /** Runs the stubbed application (the load benchmark's {@code MODE=stubbed}). */
    public static void main(String[] args) {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        org.springframework.boot.SpringApplication.run(CallTestApplication.class, args);
    }

    @Bean
    CreditAndLicensingStubs creditAndLicensingStubs() {
        return new CreditAndLicensingStubs();
    }
}
