package org.commcredits.ledger.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** Turns a validated bearer token into a {@link LedgerPrincipal}: subject, roles claim, tenant claim. */
final class JwtPrincipals {

    private static final OAuth2TokenValidator<Jwt> EXPIRY_REQUIRED = jwt -> jwt.getExpiresAt() != null
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the token has no expiry (exp)", null));

    private JwtPrincipals() {
    }

    static JwtDecoder decoder(JwtProperties properties) {
        NimbusJwtDecoder decoder;
        OAuth2TokenValidator<Jwt> defaults;
        if (properties.publicKey() != null && !properties.publicKey().isBlank()) {
            decoder = NimbusJwtDecoder.withPublicKey(rsaKey(properties.publicKey())).build();
            defaults = JwtValidators.createDefault();
        } else if (properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
            defaults = JwtValidators.createDefault();
        } else {
            decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(properties.issuerUri());
            defaults = JwtValidators.createDefaultWithIssuer(properties.issuerUri());
        }
        // Spring's timestamp validator checks exp only when the token has one; a token without exp would be
        // valid for ever, so it is refused (INV-SEC-04).
        OAuth2TokenValidator<Jwt> expiring = new DelegatingOAuth2TokenValidator<>(defaults, EXPIRY_REQUIRED);
        if (properties.audience() != null && !properties.audience().isBlank()) {
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(expiring, audience(properties.audience())));
        } else {
            decoder.setJwtValidator(expiring);
        }
        return decoder;
    }

    static AbstractAuthenticationToken authentication(Jwt jwt, JwtProperties properties) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object claim = jwt.getClaims().get(properties.rolesClaim());
        if (claim instanceof Collection<?> names) {
            for (Object name : names) {
                for (Role role : Role.values()) {
                    if (role.name().equals(String.valueOf(name))) {
                        roles.add(role);
                    }
                }
            }
        }
        String tenant = jwt.getClaimAsString(properties.tenantClaim());
        LedgerPrincipal principal = new LedgerPrincipal(jwt.getSubject(), roles, tenant);
        return new LedgerJwtAuthentication(principal, jwt);
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong audience", null));
    }

    private static RSAPublicKey rsaKey(String pem) {
        try {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception invalid) {
            throw new IllegalStateException("ledger.security.jwt.public-key is not an RSA public key in PEM", invalid);
        }
    }

    /** An authenticated bearer token whose principal is the ledger's. */
    static final class LedgerJwtAuthentication extends AbstractAuthenticationToken {

        private final LedgerPrincipal principal;
        private final transient Jwt jwt;

        LedgerJwtAuthentication(LedgerPrincipal principal, Jwt jwt) {
            super(principal.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
            this.principal = principal;
            this.jwt = jwt;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return jwt.getTokenValue();
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal.name();
        }
    }
}
