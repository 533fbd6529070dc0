package org.commcredits.ledger.console.view;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.commcredits.ledger.console.api.LedgerApi;
import org.commcredits.ledger.console.security.ConsoleAccess;
import org.commcredits.ledger.platform.security.AccessRules;
import org.commcredits.ledger.platform.security.LedgerPrincipal;
import org.commcredits.ledger.platform.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.ArrayList;
import java.util.List;

/**
 * What every page has around it: who is signed in, the navigation that user's roles may open, and in the
 * sandbox the banner that says time may be simulated.
 */
@ControllerAdvice(basePackages = "org.commcredits.ledger.console")
public class Chrome {

    private final boolean sandbox;

    Chrome(@Value("${ledger.sandbox.enabled:false}") boolean sandbox) {
        this.sandbox = sandbox;
    }

    /** One entry of the navigation. */
    public record Link(String label, String href, boolean current) {
    }

    @ModelAttribute("me")
    LedgerPrincipal me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof LedgerPrincipal principal ? principal : null;
    }

    @ModelAttribute("sandbox")
    boolean sandbox() {
        return sandbox;
    }

    @ModelAttribute("nav")
    List<Link> nav(HttpServletRequest request) {
        LedgerPrincipal me = me();
        List<Link> links = new ArrayList<>();
        if (me == null) {
            return links;
        }
        String path = request.getRequestURI();
        String tenant = tenantOf(path);
        if (!me.isTenantBound()) {
            add(links, me, "Tenants", "/console/tenants", path);
        }
        if (tenant != null) {
            String base = "/console/tenants/" + tenant;
            add(links, me, "Communication Credits", base, path);
            add(links, me, "Licenses", base + "/licenses", path);
            add(links, me, "Usage reports", base + "/usage", path);
            add(links, me, "Invoices", base + "/invoices", path);
            add(links, me, "Notifications", base + "/notifications", path);
            add(links, me, "Audit", base + "/audit", path);
        }
        if (!me.isTenantBound()) {
            add(links, me, "Operator", "/console/operator", path);
        }
        return links;
    }

    @ModelAttribute("tenantId")
    String tenantId(HttpServletRequest request) {
        return tenantOf(request.getRequestURI());
    }

    @ExceptionHandler(LedgerApi.NotSignedIn.class)
    String signInAgain() {
        SecurityContextHolder.clearContext();
        return "redirect:/login?expired";
    }

    private static void add(List<Link> links, LedgerPrincipal me, String label, String href, String path) {
        String pattern = href.replaceFirst("^/console/tenants/[^/]+", ConsoleAccess.TENANT);
        boolean allowed = ConsoleAccess.RULES.stream()
                .filter(rule -> rule.method() == HttpMethod.GET && rule.pattern().equals(pattern))
                .anyMatch(rule -> mayOpen(me, rule));
        if (allowed) {
            boolean current = path.equals(href) || (!href.equals("/console/tenants") && href.split("/").length > 4 && path.startsWith(href + "/"));
            links.add(new Link(label, href, current));
        }
    }

    private static boolean mayOpen(LedgerPrincipal me, AccessRules.Rule rule) {
        for (Role role : me.roles()) {
            if (rule.roles().contains(role)) {
                return true;
            }
        }
        return false;
    }

    static String tenantOf(String path) {
        if (path == null || !path.startsWith("/console/tenants/")) {
            return null;
        }
        String rest = path.substring("/console/tenants/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
