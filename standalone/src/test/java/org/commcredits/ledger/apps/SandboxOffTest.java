package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside the sandbox: no sandbox users, no test clock (INV-API-07), only configured (hashed) users. */
class SandboxOffTest {

    @Test
    @DisplayName("INV-API-07: outside the sandbox the test clock is 404 and sandbox users do not exist")
    void sandboxOff() {
        // {bcrypt} hash of "s3cret-operator"
        String hash = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode("s3cret-operator");
        try (RunningLedger ledger = RunningLedger.start(StandaloneApplication.class, H2TestDatabase.memoryUrl("off"), "sa",
                "LEDGER_SANDBOX=false",
                "ledger.security.users[0].name=ops", "ledger.security.users[0].password={bcrypt}" + hash,
                "ledger.security.users[0].roles=OPERATOR")) {
            LedgerHttp http = ledger.http();
            assertThat(http.get("operator", "/api/test-clock").status()).as("no sandbox user").isEqualTo(401);
            LedgerHttp.Answer clock = http.send(null, "GET", "/api/test-clock", null, null);
            assertThat(clock.status()).isEqualTo(401);
            var answer = http.sendAs("ops", "s3cret-operator", "GET", "/api/test-clock");
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("NOT_FOUND");
        }
    }
}
