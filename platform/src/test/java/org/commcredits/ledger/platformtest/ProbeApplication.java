package org.commcredits.ledger.platformtest;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The platform alone (storage, security, errors, clock) plus this package's probes, for tests of the
 * platform itself. Lives outside {@code org.commcredits.ledger.platform} so that applications scanning the
 * platform never pick the probes up from the test jar.
 */
@SpringBootApplication(scanBasePackages = {"org.commcredits.ledger.platform", "org.commcredits.ledger.platformtest"})
public class ProbeApplication {
}
