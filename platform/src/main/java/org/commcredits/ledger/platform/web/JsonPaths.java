package org.commcredits.ledger.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.stream.Collectors;

/** The dotted path of the field a Jackson mapping error points at, for error details. */
final class JsonPaths {

    private JsonPaths() {
    }

    /** Money fields of the contract: a wrong JSON type there is an invalid amount, not a generic error. */
    private static final java.util.Set<String> AMOUNT_FIELDS = java.util.Set.of("amount", "threshold");

    static boolean isAmount(JsonMappingException error) {
        var path = error.getPath();
        if (path.isEmpty()) {
            return false;
        }
        String field = path.get(path.size() - 1).getFieldName();
        return field != null && AMOUNT_FIELDS.contains(field);
    }

    static String of(JsonMappingException error) {
        String path = error.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "(body)" : path;
    }
}
