package org.commcredits.ledger.api.ids;

import java.util.regex.Pattern;

/**
 * The contract's rule for identifiers: {@code [A-Za-z0-9][A-Za-z0-9._@-]{0,127}}.
 *
 * <p>Every aggregate of a tenant has an event-store identifier that starts with {@code tenantId + "/"},
 * so a tenant's whole history is one prefix scan. A tenant id cannot contain {@code /}, so prefixes never
 * collide.
 */
public final class Ids {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    private Ids() {
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    static String require(String value, String name) {
        if (!isValid(value)) {
            throw new InvalidIdException(name, value);
        }
        return value;
    }
}
