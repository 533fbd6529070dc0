package org.commcredits.ledger.platformtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, "under attack, it keeps serving", over real HTTP: failed authentications are throttled per user
 * name and per client address with {@code 429 AUTHENTICATION_THROTTLED} and {@code Retry-After}, while other
 * users keep authenticating; probing {@code /error} is a 404 problem.
 *
 * <p>Each test speaks from its own loopback addresses (127.0.0.x, all of which are this host), so the
 * per-address limits of one test never touch another's. The limits are small (3 per name, 12 per address)
 * and never refill during the test (one token per 10 minutes).
 */
@SpringBootTest(classes = ProbeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.import=classpath:ledger-defaults.yml", "LEDGER_SANDBOX=true",
        "ledger.app-defaults.sandbox=true", "ledger.app-defaults.port=0", "ledger.app-defaults.db-url=unused",
        "ledger.app-defaults.db-user=sa", "logging.level.root=WARN",
        "ledger.security.throttle.name-capacity=3", "ledger.security.throttle.name-refill-interval=10m",
        "ledger.security.throttle.address-capacity=12", "ledger.security.throttle.address-refill-interval=10m",
        "ledger.security.throttle.refusal-delay=300ms"})
class UnderAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("LEDGER_DB_URL", () -> H2TestDatabase.memoryUrl("attack"));
    }

    @LocalServerPort
    int port;

    @Test
    @DisplayName("INV-SEC-01 INV-SEC-02 wrong passwords for one name are answered 429 with Retry-After, and other users still authenticate meanwhile")
    void throttlesOneName() throws Exception {
        String attacker = "127.0.0.2";
        String callPath = "127.0.0.3";
        assertThat(send(callPath, "telephony", "telephony", "/api/tenants/contoso/usage").status)
                .as("the telephony client authenticates before the attack").isIn(403, 404);

        for (int attempt = 1; attempt <= 3; attempt++) {
            Answer wrong = send(attacker, "telephony", "guess-" + attempt, "/api/tenants/contoso/usage");
            assertThat(wrong.status).as("wrong password %d of the name's 3", attempt).isEqualTo(401);
        }
        long refusedAt = System.nanoTime();
        Answer throttled = send(attacker, "telephony", "guess-4", "/api/tenants/contoso/usage");
        assertThat(throttled.status).as("the 4th failure of the name is not even checked").isEqualTo(429);
        assertThat((System.nanoTime() - refusedAt) / 1_000_000).as("a refusal is held back (the tarpit), 300 ms here")
                .isGreaterThanOrEqualTo(300);
        assertThat(throttled.header("content-type")).startsWith("application/problem+json");
        assertThat(throttled.json().get("code").asText()).isEqualTo("AUTHENTICATION_THROTTLED");
        assertThat(throttled.json().get("status").asInt()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.header("retry-after")))
                .as("Retry-After: the wait for the name's next token, 10 minutes").isBetween(590L, 600L);
        assertThat(throttled.header("www-authenticate")).as("not an invitation to type another password").isNull();
        assertThat(send(attacker, "telephony", "telephony", "/api/tenants/contoso/usage").status)
                .as("a credential verified before is no guess: answered from the success cache, from anywhere")
                .isIn(403, 404);

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(send(attacker, "rates_admin", "guess-" + attempt, "/api/rate-cards/r1").status).isEqualTo(401);
        }
        assertThat(send("127.0.0.8", "rates_admin", "rates_admin", "/api/rate-cards/r1").status)
                .as("a first login for a name being guessed waits, from any address: before the check they look alike")
                .isEqualTo(429);

        assertThat(send(callPath, "telephony", "telephony", "/api/tenants/contoso/usage").status)
                .as("the telephony client that authenticated before is not locked out of its own name").isIn(403, 404);
        assertThat(send(attacker, "auditor", "auditor", "/api/tenants/contoso/usage").status)
                .as("another user, even from the attacker's address (6 failures of its 12), is checked and let in")
                .isIn(403, 404);
        assertThat(send("127.0.0.6", "operator", "operator", "/api/admin/projections").status)
                .as("another user from another address").isIn(403, 404);
    }

    @Test
    @DisplayName("INV-SEC-01 INV-SEC-02 spraying wrong passwords over many names from one address is throttled by the address, and its known users still authenticate")
    void throttlesOneAddress() throws Exception {
        String sprayer = "127.0.0.4";
        assertThat(send(sprayer, "finance_reader", "finance_reader", "/api/tenants/contoso/balance").status)
                .as("a user behind the same address authenticates before the spray").isIn(403, 404);

        for (int name = 1; name <= 12; name++) {
            assertThat(send(sprayer, "spray-" + name, "password", "/api/tenants/contoso/balance").status)
                    .as("failure %d of the address's 12, each on a new name", name).isEqualTo(401);
        }
        Answer throttled = send(sprayer, "spray-13", "password", "/api/tenants/contoso/balance");
        assertThat(throttled.status).as("a 13th name from the same address").isEqualTo(429);
        assertThat(throttled.json().get("code").asText()).isEqualTo("AUTHENTICATION_THROTTLED");
        assertThat(throttled.header("retry-after")).isNotNull();
        assertThat(send(sprayer, "admin", "wrong", "/api/tenants/contoso/balance").status)
                .as("a real name is refused exactly like an invented one").isEqualTo(429);

        assertThat(send(sprayer, "finance_reader", "finance_reader", "/api/tenants/contoso/balance").status)
                .as("the known user behind the sprayer's address keeps working").isIn(403, 404);
        assertThat(send("127.0.0.5", "spray-13", "password", "/api/tenants/contoso/balance").status)
                .as("the address's limit is its own: the same name from elsewhere is checked (and wrong)")
                .isEqualTo(401);
        assertThat(send("127.0.0.5", "billing_admin", "billing_admin", "/api/tenants/contoso/balance").status)
                .as("and users elsewhere are untouched").isIn(403, 404);
    }

    @Test
    @DisplayName("INV-SEC-05 an anonymous GET /error is a 404 problem, not a 500")
    void errorPathIsNotAnInternalError() throws Exception {
        Answer error = send("127.0.0.7", null, null, "/error");
        assertThat(error.status).isEqualTo(404);
        assertThat(error.header("content-type")).startsWith("application/problem+json");
        assertThat(error.json().get("code").asText()).isEqualTo("NOT_FOUND");
    }

    private record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** One GET from a chosen loopback source address (java.net.http cannot bind one on Java 17). */
    private Answer send(String from, String user, String password, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(10_000);
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            if (user != null) {
                request.append("Authorization: Basic ").append(Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String raw = all.toString(StandardCharsets.UTF_8);
        int headEnd = raw.indexOf("\r\n\r\n");
        String[] lines = raw.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = raw.substring(headEnd + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
