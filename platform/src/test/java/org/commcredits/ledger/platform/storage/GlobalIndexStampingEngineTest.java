package org.commcredits.ledger.platform.storage;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlobalIndexStampingEngineTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(EventJson.mapper()).build();

    @Test
    void stampsEmptyAndNonEmptyMetaDataAndKeepsTheOtherEntries() {
        assertThat(read(GlobalIndexStampingEngine.stamp("{}".getBytes(StandardCharsets.UTF_8), 979)))
                .isEqualTo(MetaData.with(EventPositions.META_DATA_KEY, 979));
        assertThat(read(GlobalIndexStampingEngine.stamp(new byte[0], 5))).isEqualTo(MetaData.with(EventPositions.META_DATA_KEY, 5));
        byte[] written = serializer.serialize(MetaData.with("traceId", "t-1").and("principal", "billing_admin"), byte[].class).getData();
        MetaData stamped = read(GlobalIndexStampingEngine.stamp(written, 12_345_678_901L));
        assertThat(stamped).containsEntry("traceId", "t-1").containsEntry("principal", "billing_admin");
        assertThat(EventPositions.of(GenericEventMessage.asEventMessage("x").withMetaData(stamped))).isEqualTo(12_345_678_901L);
    }

    @Test
    void refusesMetaDataThatIsNotAJsonObject() {
        assertThatThrownBy(() -> GlobalIndexStampingEngine.stamp("[1]".getBytes(StandardCharsets.UTF_8), 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEventWithoutAStampedIndexFailsLoudlyRatherThanBeingFiledSomewhere() {
        assertThatThrownBy(() -> EventPositions.of(GenericEventMessage.asEventMessage("x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("carries no global index");
    }

    private MetaData read(byte[] bytes) {
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, MetaData.class.getName(), null));
    }
}
