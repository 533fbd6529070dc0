package org.commcredits.ledger.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.platform.web.BodySizeLimitFilter;
import org.commcredits.ledger.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Authentication (HTTP Basic against configured users, sandbox users only when the sandbox is on, and
 * OAuth2 bearer JWT when {@link JwtProperties} names a key source) and
 * authorisation by {@link AccessRules}. Nothing under {@code /api/} is open; only health, metrics and the
 * API documentation are public.
 */
@Configuration
@EnableConfigurationProperties({SecurityProperties.class, JwtProperties.class, ThrottleProperties.class})
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    public CachingPasswordAuthenticationProvider ledgerAuthenticationProvider(
            SecurityProperties properties, ThrottleProperties throttle, PasswordEncoder encoder,
            @Value("${ledger.sandbox.enabled:false}") boolean sandbox) {
        Map<String, LedgerUser> users = new LinkedHashMap<>();
        if (sandbox) {
            for (SandboxUsers.Sandbox user : SandboxUsers.all()) {
                users.put(user.name(), new LedgerUser(user.name(), encoder.encode(user.password()), user.roles(), user.tenant()));
            }
        }
        for (SecurityProperties.User user : properties.users()) {
            if (user.password() != null && user.password().startsWith("{noop}")) {
                log.warn("User {} has a clear-text {{noop}} password; configure a {{bcrypt}} hash in production", user.name());
            }
            users.put(user.name(), new LedgerUser(user.name(), user.password(), user.roles(), user.tenant()));
        }
        log.info("{} principals configured for HTTP Basic{}", users.size(), sandbox ? " (sandbox users included)" : "");
        if (throttle.enabled()) {
            log.info("Failed authentication throttled: {} per user name then 1 per {}, {} per client address then 1 per {}",
                    throttle.nameCapacity(), throttle.nameRefillInterval(), throttle.addressCapacity(),
                    throttle.addressRefillInterval());
        } else {
            log.warn("Failed authentication is not throttled (ledger.security.throttle.enabled=false)");
        }
        return new CachingPasswordAuthenticationProvider(users, encoder, throttle);
    }

    /**
     * No Micrometer observation around each security filter and each authentication: they cost 15% of the
     * call path's CPU in a profile; {@code http.server.requests} still times every request.
     */
    @Bean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, CachingPasswordAuthenticationProvider provider,
                                           ObjectMapper mapper, JwtProperties jwt, ThrottleProperties throttle) throws Exception {
        RefusalDelay tarpit = new RefusalDelay(throttle.refusalDelay(), throttle.maxDelayedRefusals());
        if (jwt.enabled()) {
            log.info("OAuth2 bearer tokens accepted (roles from claim '{}', tenant from claim '{}')",
                    jwt.rolesClaim(), jwt.tenantClaim());
            http.oauth2ResourceServer(resource -> resource
                    .jwt(token -> token.decoder(JwtPrincipals.decoder(jwt))
                            .jwtAuthenticationConverter(decoded -> JwtPrincipals.authentication(decoded, jwt)))
                    .authenticationEntryPoint((request, response, failure) -> {
                        response.setHeader("WWW-Authenticate", "Bearer");
                        Problems.write(response, mapper, ErrorCode.UNAUTHENTICATED, "The bearer token is missing, invalid or expired");
                    }));
        }
        // This chain's authentication manager gets no parent. Spring otherwise hands it the global manager,
        // which holds this same provider (the only AuthenticationProvider bean) and asks it again after every
        // failure: each wrong password cost two bcrypt checks and counted twice against the throttle.
        http.getSharedObject(AuthenticationManagerBuilder.class).parentAuthenticationManager(null);
        // Stateless API: no sessions, no login page to return to, no logout; each filter left out is one less
        // step on every call-path request (docs/benchmarks.md).
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .authenticationProvider(provider)
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, failure) -> {
                    if (failure instanceof AuthenticationThrottledException throttled) {
                        // 429, not 401: the client should wait, not ask its user for another password.
                        tarpit.hold();
                        response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
                        Problems.write(response, mapper, ErrorCode.AUTHENTICATION_THROTTLED,
                                "Too many failed authentications for this user name or client address; retry after "
                                        + throttled.retryAfterSeconds() + " s");
                        return;
                    }
                    response.setHeader("WWW-Authenticate", "Basic realm=\"ledger\"");
                    Problems.write(response, mapper, ErrorCode.UNAUTHENTICATED, "Authentication required");
                }))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, failure) -> {
                            response.setHeader("WWW-Authenticate", "Basic realm=\"ledger\"");
                            Problems.write(response, mapper, ErrorCode.UNAUTHENTICATED, "Authentication required");
                        })
                        .accessDeniedHandler((request, response, denied) ->
                                Problems.write(response, mapper, ErrorCode.FORBIDDEN, "Not allowed for this principal")))
                .addFilterBefore(new BodySizeLimitFilter(mapper), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers("/", "/index.html", "/error", "/actuator/health/**", "/actuator/health",
                            "/actuator/prometheus", "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html").permitAll();
                    for (AccessRules.Rule rule : AccessRules.RULES) {
                        authorize.requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.pattern()))
                                .access(new TenantBinding(rule));
                    }
                    authorize.anyRequest().denyAll();
                });
        return http.build();
    }
}
