package org.commcredits.ledger.platform.storage;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Axon's JDBC engine, except that every event read by a tracking processor carries its own global index in
 * its meta-data ({@value EventPositions#META_DATA_KEY}).
 *
 * <p>Why: the tracking token handed to a handler is not the event's position. A {@link GapAwareTrackingToken}
 * holds the highest index read so far; when an event fills a gap (a transaction that took a lower index
 * committed late), its token still names the higher index. Read models keyed by the token position then filed
 * two events under one key (a {@code DuplicateKeyException} that stopped the ledger projection for good) or,
 * across batches, replaced another tenant's row (issue 16). The index is read from the same row as the
 * event, so it is exact whatever order transactions commit in, and it survives a trip through the dead-letter
 * queue, which stores the meta-data with the event.
 *
 * <p>The meta-data is JSON written by the Jackson serializer ({@code {}} or {@code {"k":...}}): the key is put
 * in front of the object's first member, which costs no parse of the meta-data per event.
 */
final class GlobalIndexStampingEngine extends JdbcEventStorageEngine {

    private final EventSchema schema;

    GlobalIndexStampingEngine(Builder builder, EventSchema schema) {
        super(builder);
        this.schema = schema;
    }

    /**
     * An aggregate the current command assumed absent ({@link OptimisticReads}) is not read: creating it
     * ({@code CREATE_IF_MISSING}) would otherwise cost a snapshot and an event query that find nothing. If it
     * does exist, appending its first event fails on the unique sequence number, or the check before commit finds
     * it, and the command runs again with the store asked.
     */
    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return OptimisticReads.assumedAbsent(aggregateIdentifier) ? DomainEventStream.empty()
                : super.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return OptimisticReads.assumedAbsent(aggregateIdentifier) ? Optional.empty() : super.readSnapshot(aggregateIdentifier);
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> read = super.getTrackedEventData(resultSet, previousToken);
        long globalIndex = resultSet.getLong(schema.globalIndexColumn());
        // Axon keeps the column as text and parses it with DateTimeFormatter on every getTimestamp()
        String column = resultSet.getString(schema.timestampColumn());
        Instant fast = IsoInstants.parseUtc(column);
        Instant timestamp = fast != null ? fast : DateTimeUtils.parseInstant(column);
        @SuppressWarnings("unchecked")
        DomainEventData<byte[]> event = (DomainEventData<byte[]>) read;
        return new TrackedDomainEventData<>(read.trackingToken(), new Stamped(event, globalIndex, timestamp));
    }

    /** Adds the key to a serialized meta-data object; anything but a JSON object is refused loudly. */
    static byte[] stamp(byte[] metaData, long globalIndex) {
        String member = "\"" + EventPositions.META_DATA_KEY + "\":" + globalIndex;
        if (metaData == null || metaData.length == 0) {
            return ("{" + member + "}").getBytes(StandardCharsets.UTF_8);
        }
        int open = skipSpace(metaData, 0);
        if (open >= metaData.length || metaData[open] != '{') {
            throw new IllegalStateException("event meta-data is not a JSON object; cannot stamp global index " + globalIndex);
        }
        int next = skipSpace(metaData, open + 1);
        boolean empty = next < metaData.length && metaData[next] == '}';
        byte[] insert = (member + (empty ? "" : ",")).getBytes(StandardCharsets.UTF_8);
        byte[] stamped = new byte[metaData.length + insert.length];
        System.arraycopy(metaData, 0, stamped, 0, open + 1);
        System.arraycopy(insert, 0, stamped, open + 1, insert.length);
        System.arraycopy(metaData, open + 1, stamped, open + 1 + insert.length, metaData.length - open - 1);
        return stamped;
    }

    private static int skipSpace(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The event as read, with the stamped meta-data and its time stamp parsed once. */
    private record Stamped(DomainEventData<byte[]> event, long globalIndex, Instant timestamp) implements DomainEventData<byte[]> {

        @Override
        public String getType() {
            return event.getType();
        }

        @Override
        public String getAggregateIdentifier() {
            return event.getAggregateIdentifier();
        }

        @Override
        public long getSequenceNumber() {
            return event.getSequenceNumber();
        }

        @Override
        public String getEventIdentifier() {
            return event.getEventIdentifier();
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public SerializedObject<byte[]> getMetaData() {
            return new SerializedMetaData<>(stamp(event.getMetaData().getData(), globalIndex), byte[].class);
        }

        @Override
        public SerializedObject<byte[]> getPayload() {
            return event.getPayload();
        }
    }
}
