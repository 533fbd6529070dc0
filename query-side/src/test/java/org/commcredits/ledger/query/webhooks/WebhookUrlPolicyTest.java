package org.commcredits.ledger.query.webhooks;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** INV-WH-07: which webhook URLs are accepted, inside and outside the sandbox. */
class WebhookUrlPolicyTest {

    /** Names resolve as written: an IP literal to itself, "public.example" to a public address. */
    private static final WebhookUrlPolicy.Resolver RESOLVER = host -> {
        if (host.equals("public.example")) {
            return List.of(InetAddress.getByName("93.184.215.14"));
        }
        if (host.equals("mixed.example")) {
            return List.of(InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.1.2.3"));
        }
        if (host.equals("nowhere.example")) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(host));
    };

    private static final WebhookUrlPolicy PRODUCTION = new WebhookUrlPolicy(false, false, RESOLVER);
    private static final WebhookUrlPolicy ON_PREMISES = new WebhookUrlPolicy(false, true, RESOLVER);
    private static final WebhookUrlPolicy SANDBOX = new WebhookUrlPolicy(true, false, RESOLVER);

    @Test
    @DisplayName("INV-WH-07 outside the sandbox an https URL on a public address is accepted")
    void acceptsHttpsOnPublicAddresses() {
        assertThat(PRODUCTION.accept("https://public.example/hooks?x=1").getHost()).isEqualTo("public.example");
        assertThat(PRODUCTION.accept("https://[2606:2800:220:1:248:1893:25c8:1946]/h")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://public.example/h", "ftp://public.example/h", "file:///etc/passwd", "gopher://public.example/",
            "https://127.0.0.1/h", "https://localhost/h", "https://10.0.0.8/h", "https://172.16.3.4/h", "https://192.168.1.1/h",
            "https://169.254.169.254/latest/meta-data", "https://0.0.0.0/h", "https://100.64.0.1/h", "https://[::1]/h",
            "https://[fd00::1]/h", "https://[fe80::1]/h", "https://[::ffff:10.0.0.1]/h", "https://224.0.0.1/h",
            "https://mixed.example/h", "https://nowhere.example/h", "https://user:pw@public.example/h", "https://public.example/h#frag",
            "not a url", "https:///nohost", "//public.example/h"})
    @DisplayName("INV-WH-07 outside the sandbox other schemes, non-public and unresolvable hosts are 400 INVALID_WEBHOOK_URL")
    void refusesTheRest(String url) {
        assertThatThrownBy(() -> PRODUCTION.accept(url)).isInstanceOf(LedgerException.class)
                .extracting(e -> ((LedgerException) e).code()).isEqualTo(ErrorCode.INVALID_WEBHOOK_URL);
    }

    @Test
    @DisplayName("INV-WH-07 LEDGER_WEBHOOKS_ALLOW_PRIVATE lifts the address rule, not the https rule")
    void allowPrivateLiftsOnlyTheAddressRule() {
        assertThat(ON_PREMISES.accept("https://10.0.0.8/h")).isNotNull();
        assertThat(ON_PREMISES.accept("https://127.0.0.1:8443/h")).isNotNull();
        assertThatThrownBy(() -> ON_PREMISES.accept("http://10.0.0.8/h")).isInstanceOf(LedgerException.class);
    }

    @Test
    @DisplayName("INV-WH-07 the sandbox allows http and loopback, still not other private addresses")
    void sandboxAllowsHttpAndLoopback() {
        assertThat(SANDBOX.accept("http://127.0.0.1:8080/h")).isNotNull();
        assertThat(SANDBOX.accept("http://[::1]:8080/h")).isNotNull();
        assertThat(SANDBOX.accept("http://public.example/h")).isNotNull();
        assertThatThrownBy(() -> SANDBOX.accept("http://10.0.0.8/h")).isInstanceOf(LedgerException.class);
        assertThatThrownBy(() -> SANDBOX.accept("http://169.254.169.254/h")).isInstanceOf(LedgerException.class);
        assertThatThrownBy(() -> SANDBOX.accept("ftp://127.0.0.1/h")).isInstanceOf(LedgerException.class);
    }
}
