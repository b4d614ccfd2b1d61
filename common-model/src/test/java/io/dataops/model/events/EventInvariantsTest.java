package io.dataops.model.events;

import io.dataops.model.audit.AuditEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A message a consumer could never process fails its decode, with a reason the dead-letter topic can carry. */
class EventInvariantsTest {

    @Test
    void a_batch_without_rows_does_not_decode() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"RowBatch\",\"jobId\":1,\"fileId\":2,\"target\":\"customers\","
                + "\"batchNo\":1,\"rows\":null}", FileRowsMessage.class))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("rows must not be null");
    }

    @Test
    void a_batch_with_a_null_row_or_a_zero_job_id_does_not_decode() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"RowBatch\",\"jobId\":1,\"fileId\":2,\"target\":\"customers\","
                + "\"batchNo\":1,\"rows\":[null]}", FileRowsMessage.class))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("rows must not contain null");
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"RowsEnd\",\"jobId\":0,\"fileId\":2,\"target\":\"customers\","
                + "\"batchCount\":1,\"rowCount\":1,\"rejectedCount\":0}", FileRowsMessage.class))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("jobId must be positive");
    }

    @Test
    void an_audit_event_whose_id_is_longer_than_a_uuid_does_not_decode() {
        String id = "0123456789abcdef0123456789abcdef01234"; // 37 characters
        assertThatThrownBy(() -> EventCodec.decode("{\"eventId\":\"" + id + "\",\"action\":\"X\"}", AuditEvent.class))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("eventId has 37 characters");
        assertThat(EventCodec.decode("{\"eventId\":\"" + id.substring(1) + "\",\"action\":\"X\"}", AuditEvent.class).eventId())
                .hasSize(36);
    }
}
