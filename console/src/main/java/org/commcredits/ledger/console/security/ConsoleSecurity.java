package org.commcredits.ledger.console.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.commcredits.ledger.platform.security.AccessRules;
import org.commcredits.ledger.platform.security.AuthenticationThrottledException;
import org.commcredits.ledger.platform.security.CachingPasswordAuthenticationProvider;
import org.commcredits.ledger.platform.security.LedgerPrincipal;
import org.commcredits.ledger.platform.security.Role;
import org.commcredits.ledger.platform.security.TenantBinding;
import org.springframework.boot.web.servlet.server.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import java.io.IOException;

/**
 * The console's own filter chain, ahead of the API's stateless one: form sign-in at {@code /login}
 * (fields {@code username} and {@code password}) against the same password provider as HTTP Basic, a
 * session cookie that is HttpOnly and SameSite=Strict, CSRF tokens on every form, and a
 * Content-Security-Policy that allows scripts and styles from this origin only (no inline script; the
 * pages' behaviour is in {@code /console-assets/*.js}). Pages are authorised by {@link ConsoleAccess}
 * through the API's {@link TenantBinding}.
 */
@Configuration
public class ConsoleSecurity {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    @Bean
    CookieSameSiteSupplier consoleSessionCookieSameSite() {
        return CookieSameSiteSupplier.ofStrict().whenHasName("JSESSIONID");
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, CachingPasswordAuthenticationProvider provider) throws Exception {
        // As on the API chain: no parent manager, so a wrong password costs one bcrypt check, not two.
        http.getSharedObject(AuthenticationManagerBuilder.class).parentAuthenticationManager(null);
        http.securityMatcher(new OrRequestMatcher(PATHS.matcher("/"), PATHS.matcher("/login"), PATHS.matcher("/logout"),
                        PATHS.matcher("/console/**"), PATHS.matcher("/console-assets/**"), PATHS.matcher("/webjars/**")))
                .authenticationProvider(provider)
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(ConsoleSecurity::signedIn)
                        .failureHandler((request, response, failure) -> response.sendRedirect(request.getContextPath()
                                + (failure instanceof AuthenticationThrottledException throttled
                                ? "/login?throttled=" + throttled.retryAfterSeconds() : "/login?error")))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(handling -> handling.accessDeniedPage("/console/forbidden"))
                .authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers(PATHS.matcher("/console-assets/**"), PATHS.matcher("/webjars/**"),
                            PATHS.matcher("/console/forbidden")).permitAll();
                    for (AccessRules.Rule rule : ConsoleAccess.RULES) {
                        authorize.requestMatchers(PATHS.matcher(rule.method(), rule.pattern())).access(new TenantBinding(rule));
                    }
                    authorize.requestMatchers(PATHS.matcher("/"), PATHS.matcher("/console")).authenticated();
                    authorize.anyRequest().denyAll();
                });
        return http.build();
    }

    /** Keeps the credential for the API calls, then sends a tenant-bound user to its tenant, others to the list. */
    private static void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        request.getSession().setAttribute(ConsoleCredential.ATTRIBUTE,
                new ConsoleCredential(((LedgerPrincipal) authentication.getPrincipal()).name(), request.getParameter("password")));
        response.sendRedirect(request.getContextPath() + home(authentication));
    }

    public static String home(Authentication authentication) {
        if (authentication.getPrincipal() instanceof LedgerPrincipal principal && principal.isTenantBound()) {
            return "/console/tenants/" + principal.tenant();
        }
        if (authentication.getPrincipal() instanceof LedgerPrincipal principal
                && principal.roles().size() == 1 && principal.has(Role.OPERATOR)) {
            return "/console/operator";
        }
        return "/console/tenants";
    }
}
