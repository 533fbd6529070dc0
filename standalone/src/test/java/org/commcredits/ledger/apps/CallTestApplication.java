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

    @Bean
    CreditAndLicensingStubs creditAndLicensingStubs() {
        return new CreditAndLicensingStubs();
    }
}
