package org.commcredits.ledger.platform.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words the error detail when a body breaks one of the JSON rules set in {@link HttpJsonConfiguration} and
 * checked by {@link WellFormedJsonBodies} (INV-IN-02). Jackson reports them as generic parse or mapping
 * errors; a client needs to know which rule it broke, and where a syntax error is.
 */
final class JsonRules {

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']{0,64})");

    private JsonRules() {
    }

    /** Something other than whitespace follows the body's first JSON document. */
    static final class SecondDocument extends JsonProcessingException {
        SecondDocument() {
            super("Trailing content after the first JSON document");
        }
    }

    /** The detail for a broken body rule, or empty when {@code failure} is not one. */
    static Optional<String> broken(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (failure instanceof StreamConstraintsException && message.contains("nesting depth")) {
            return Optional.of("The body nests deeper than " + HttpJsonConfiguration.MAX_NESTING_DEPTH + " levels");
        }
        if (failure instanceof StreamConstraintsException) {
            return Optional.of("The body exceeds the parser's limits (number or name length)");
        }
        if (failure instanceof JsonParseException) {
            Matcher duplicate = DUPLICATE.matcher(message);
            if (duplicate.find()) {
                return Optional.of("Field '" + duplicate.group(1) + "' appears more than once");
            }
        }
        if (failure instanceof SecondDocument
                || failure instanceof MismatchedInputException && message.startsWith("Trailing token")) {
            return Optional.of("The body must be exactly one JSON document; something follows it");
        }
        if (failure instanceof JsonParseException syntax && syntax.getLocation() != null) {
            return Optional.of("The body is not valid JSON (line " + syntax.getLocation().getLineNr() + ", column "
                    + syntax.getLocation().getColumnNr() + ")");
        }
        return Optional.empty();
    }
}
