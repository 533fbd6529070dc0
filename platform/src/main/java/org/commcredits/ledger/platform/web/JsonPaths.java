package org.commcredits.ledger.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.stream.Collectors;

/** The dotted path of the field a Jackson mapping error points at, for error details. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(JsonMappingException error) {
        String path = error.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "(body)" : path;
    }
}
