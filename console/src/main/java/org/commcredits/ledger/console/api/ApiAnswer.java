package org.commcredits.ledger.console.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * One answer of the HTTP API: its status, its body (JSON read into maps and lists, which templates read as
 * {@code ${answer.body.balance}}), and for a problem answer its stable {@code code} and {@code detail}.
 */
public record ApiAnswer(int status, Object body, String code, String detail, Long sequence) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public boolean forbidden() {
        return status == 403;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map() {
        return body instanceof Map<?, ?> m ? (Map<String, Object>) m : new LenientMap();
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() {
        Object items = map().get("items");
        return items instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    public String next() {
        Object next = map().get("next");
        return next == null ? null : next.toString();
    }

    static ApiAnswer of(int status, JsonNode json, Object body, Long sequence) {
        String code = json != null && json.hasNonNull("code") ? json.get("code").asText() : null;
        String detail = json != null && json.hasNonNull("detail") ? json.get("detail").asText() : null;
        return new ApiAnswer(status, body, code, detail, sequence);
    }
}
