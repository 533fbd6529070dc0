package org.commcredits.ledger.platformtest;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth2 bearer JWT with a locally signed token: roles and tenant come from claims, a bad signature, an
 * expired token or one without an expiry is 401, and the role rules apply to token principals exactly as to Basic ones.
 */
class BearerTokenTest {

    @Test
    @DisplayName("a token's roles and tenant claims authorise exactly like a configured user's")
    void bearerTokens() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        KeyPair otherKeys = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ProbeApplication.class).properties(
                "spring.config.import=classpath:ledger-defaults.yml", "PORT=0", "LEDGER_SANDBOX=false",
                "LEDGER_DB_URL=" + H2TestDatabase.memoryUrl("jwt"), "ledger.app-defaults.db-user=sa",
                "ledger.app-defaults.sandbox=false", "ledger.app-defaults.port=0", "ledger.app-defaults.db-url=unused",
                "ledger.security.jwt.public-key=" + pem, "logging.level.root=WARN").run()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();

            String operator = token(keys, "ops-robot", List.of("OPERATOR"), null, 300);
            assertThat(get(port, "/api/admin/projections", operator)).as("OPERATOR may read projections").isNotIn(401, 403);
            assertThat(get(port, "/api/tenants/contoso/balance", operator)).as("but not balances").isEqualTo(403);

            String contosoReader = token(keys, "dashboard", List.of("FINANCE_READER"), "contoso", 300);
            assertThat(get(port, "/api/tenants/contoso/balance", contosoReader)).isNotIn(401, 403);
            assertThat(get(port, "/api/tenants/fabrikam/balance", contosoReader)).as("tenant claim binds").isEqualTo(403);

            assertThat(get(port, "/api/tenants/contoso/balance", token(otherKeys, "forger", List.of("AUDITOR"), null, 300)))
                    .as("signed by another key").isEqualTo(401);
            assertThat(get(port, "/api/tenants/contoso/balance", token(keys, "late", List.of("AUDITOR"), null, -120)))
                    .as("expired").isEqualTo(401);
            String forever = token(keys, "forever", List.of("AUDITOR"), null, null);
            assertThat(get(port, "/api/tenants/contoso/balance", forever)).as("INV-SEC-04 a token without exp").isEqualTo(401);
            HttpResponse<String> refused = send(port, "/api/tenants/contoso/balance", forever);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("\"code\":\"UNAUTHENTICATED\"");
            assertThat(get(port, "/api/tenants/contoso/balance", "not-a-jwt")).isEqualTo(401);
        }
    }

    /** A signed token; {@code validSeconds} null leaves out {@code exp}. */
    private static String token(KeyPair keys, String subject, List<String> roles, String tenant, Integer validSeconds) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", roles).issueTime(new Date());
        if (validSeconds != null) {
            claims.expirationTime(new Date(System.currentTimeMillis() + validSeconds * 1000L));
        }
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    private static int get(int port, String path, String bearer) throws Exception {
        return send(port, path, bearer).statusCode();
    }

    private static HttpResponse<String> send(int port, String path, String bearer) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + bearer).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
