package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation's journey on the embedded default (H2 in file mode): open an account, fund it, read the
 * balance with read-your-writes, then restart the application and find the balance kept.
 */
class StandaloneSliceTest {

    @TempDir
    Path dataDir;

    @Test
    void opensFundsAndReadsBalanceAndKeepsItAcrossARestart() {
        String url = H2TestDatabase.fileUrl(dataDir);
        long fundedAt;
        try (RunningLedger ledger = RunningLedger.start(StandaloneApplication.class, url, "sa")) {
            LedgerHttp http = ledger.http();
            LedgerHttp.Answer opened = http.post("billing_admin", "/api/tenants/contoso/credit-account",
                    "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}");
            assertThat(opened.status()).isEqualTo(201);
            assertThat(opened.header("X-Event-Sequence")).isNotNull();
            assertThat(http.put("billing_admin", "/api/tenants/contoso/credit-account/payment-method",
                    "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}").status()).isEqualTo(200);

            LedgerHttp.Answer funded = http.post("billing_admin", "/api/tenants/contoso/credit-account/funds",
                    "{\"amount\":\"100.00\"}");
            assertThat(funded.status()).isEqualTo(201);
            assertThat(funded.json().get("balance").asText()).isEqualTo("100.00");
            fundedAt = funded.sequence();

            LedgerHttp.Answer balance = http.get("finance_reader", "/api/tenants/contoso/balance?minSequence=" + fundedAt);
            assertThat(balance.status()).isEqualTo(200);
            assertThat(balance.json().get("balance").asText()).isEqualTo("100.00");
            assertThat(balance.json().get("tranches")).hasSize(1);
        }

        try (RunningLedger restarted = RunningLedger.start(StandaloneApplication.class, url, "sa")) {
            LedgerHttp http = restarted.http();
            LedgerHttp.Answer balance = http.get("finance_reader", "/api/tenants/contoso/balance?minSequence=" + fundedAt);
            assertThat(balance.status()).isEqualTo(200);
            assertThat(balance.json().get("balance").asText()).isEqualTo("100.00");

            LedgerHttp.Answer more = http.post("billing_admin", "/api/tenants/contoso/credit-account/funds",
                    "{\"amount\":\"50.00\"}");
            assertThat(more.json().get("balance").asText()).isEqualTo("150.00");
            assertThat(more.sequence()).as("global index grows by one per event across restarts").isGreaterThan(fundedAt);
        }
    }
}
