package org.commcredits.ledger.console.api;

import java.util.LinkedHashMap;

/**
 * A JSON object as templates read it: a field the API left out reads as null (as {@code null} fields do)
 * instead of failing the page, because Spring's expression language asks {@code containsKey} first.
 */
final class LenientMap extends LinkedHashMap<String, Object> {

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String;
    }
}
