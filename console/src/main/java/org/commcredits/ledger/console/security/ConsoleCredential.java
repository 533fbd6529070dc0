package org.commcredits.ledger.console.security;

import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The signed-in user's name and password, kept in the server-side session (never in a cookie) so the
 * console can call the API as that user. It lives as long as the session: sign-out or expiry drops it.
 * The API's password provider caches verified credentials, so these calls cost no bcrypt check.
 */
public record ConsoleCredential(String username, String password) {

    static final String ATTRIBUTE = ConsoleCredential.class.getName();

    public static ConsoleCredential of(HttpSession session) {
        return session == null ? null : (ConsoleCredential) session.getAttribute(ATTRIBUTE);
    }

    public String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ConsoleCredential[" + username + "]";
    }
}
