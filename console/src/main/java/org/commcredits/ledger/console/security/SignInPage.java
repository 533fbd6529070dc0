package org.commcredits.ledger.console.security;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The sign-in page, the landing redirect and the page that says no. */
@Hidden // pages for people, not part of the API document
@Controller
class SignInPage {

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    @GetMapping({"/", "/console"})
    String home(Authentication authentication) {
        return "redirect:" + ConsoleSecurity.home(authentication);
    }

    /** Any method: a refused form post is forwarded here as a POST. */
    @RequestMapping("/console/forbidden")
    String forbidden(HttpServletResponse response) {
        response.setStatus(403);
        return "console/forbidden";
    }
}
