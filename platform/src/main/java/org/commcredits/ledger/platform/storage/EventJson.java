package org.commcredits.ledger.platform.storage;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;

/**
 * The JSON form of stored messages: events, snapshots, tokens and saga state.
 *
 * <p>Fields, not getters, are what is stored, so an aggregate snapshot holds exactly its state. Unknown
 * properties are ignored so that an older reader survives a newer field (event evolution adds fields;
 * it never renames them). Instants are ISO-8601 strings.
 */
public final class EventJson {

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(new JavaTimeModule());
        // registered after JavaTimeModule, so it is the one asked for Instants (a fast path; same answers)
        mapper.registerModule(new SimpleModule("stored-instants").addDeserializer(Instant.class, new IsoInstants.Deserializer()));
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        return mapper;
    }
}
