package org.commcredits.ledger.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OAuth2 bearer tokens, accepted only when one key source is configured: an issuer ({@code issuer-uri},
 * discovered via OpenID configuration), a JWK set ({@code jwk-set-uri}) or an RSA public key in PEM
 * ({@code public-key}, inline, for air-gapped deployments and tests). Roles come from the
 * {@code roles-claim} (a list of role names), the tenant binding from the {@code tenant-claim}.
 */
@ConfigurationProperties("ledger.security.jwt")
public record JwtProperties(String issuerUri, String jwkSetUri, String publicKey, String audience,
                            @DefaultValue("roles") String rolesClaim, @DefaultValue("tenant") String tenantClaim) {

    public boolean enabled() {
        return notBlank(issuerUri) || notBlank(jwkSetUri) || notBlank(publicKey);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
