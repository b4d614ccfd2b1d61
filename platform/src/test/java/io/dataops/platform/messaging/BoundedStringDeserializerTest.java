package io.dataops.platform.messaging;

import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.UnreadableEventException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An oversized Kafka value is never parsed: it reaches the consumer as a marker that decodes as unreadable. */
class BoundedStringDeserializerTest {

    @Test
    void a_value_beyond_the_size_limit_is_never_parsed_and_decodes_as_unreadable_with_its_size() {
        BoundedStringDeserializer deserializer = new BoundedStringDeserializer(1024);
        byte[] big = "x".repeat(1025).getBytes(StandardCharsets.UTF_8);
        String received = deserializer.deserialize("t", big);

        assertThat(received).hasSizeLessThan(100);
        assertThatThrownBy(() -> EventCodec.decode(received, FileRowsMessage.class))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("1025 bytes, more than the limit of 1024 bytes");
        assertThat(deserializer.deserialize("t", "{}".getBytes(StandardCharsets.UTF_8))).isEqualTo("{}");
    }
}
