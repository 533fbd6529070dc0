package org.commcredits.ledger.platform.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantsTest {

    private static final ObjectMapper JSON = EventJson.mapper();

    @Test
    void readsWhatInstantToStringAndAxonWriteAsInstantParseDoes() {
        Random random = new Random(15);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000_000));
            instant = switch (i % 4) {
                case 0 -> instant.truncatedTo(ChronoUnit.SECONDS);
                case 1 -> instant.truncatedTo(ChronoUnit.MILLIS);
                case 2 -> instant.truncatedTo(ChronoUnit.MICROS);
                default -> instant;
            };
            for (String text : List.of(instant.toString(), DateTimeUtils.formatInstant(instant))) {
                if (text.length() >= 20 && text.charAt(4) == '-') { // four-digit years: the form stored events have
                    assertThat(IsoInstants.parseUtc(text)).as(text).isEqualTo(Instant.parse(text));
                }
            }
        }
    }

    @Test
    void leavesEveryOtherFormToTheUsualReader() {
        for (String text : List.of("2025-01-01T00:00:00+01:00", "2025-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
                "2025-01-01T24:00:00Z", "2016-12-31T23:59:60Z", "2025-01-01T00:00:00.Z", "2025-01-01T00:00:00.1234567890Z",
                "2025-01-01t00:00:00z", "+12025-01-01T00:00:00Z", " 2025-01-01T00:00:00Z", "2025-01-01T00:00Z")) {
            assertThat(IsoInstants.parseUtc(text)).as(text).isNull();
        }
        assertThat(IsoInstants.parseUtc("2024-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.5Z"));
    }

    @Test
    void storedMessagesReadInstantsAsBefore() throws Exception {
        record Stamp(Instant at) {
        }
        for (String json : List.of("{\"at\":\"2025-01-01T09:00:00.123456789Z\"}", "{\"at\":\"2025-01-01T10:00:00+01:00\"}",
                "{\"at\":1735722000.5}", "{\"at\":null}")) {
            Stamp read = JSON.readValue(json, Stamp.class);
            Stamp before = plainMapper().readValue(json, Stamp.class);
            assertThat(read).as(json).isEqualTo(before);
        }
        assertThat(JSON.readValue("{\"at\":\"2025-01-01T09:00:00Z\"}", Stamp.class).at()).isEqualTo(Instant.parse("2025-01-01T09:00:00Z"));
    }

    private static ObjectMapper plainMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        mapper.setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.ALL, com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD, com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.CREATOR, com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY);
        return mapper;
    }
}
