package io.dataops.platform.messaging;

import io.dataops.model.events.EventCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;

/**
 * The value deserializer of every consumer. A value larger than {@code dataops.platform.consumer.max-message-bytes}
 * after decompression (a zip bomb: a small compressed batch that inflates to gigabytes) is never turned into a
 * String or parsed: the consumer receives {@link EventCodec#oversized} in its place, which decodes as unreadable and
 * is parked with its size. The Kafka client has already decompressed the bytes, so fetch sizes bound the rest.
 */
public class BoundedStringDeserializer implements Deserializer<String> {
    static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
    private final int maxBytes;

    public BoundedStringDeserializer() {
        this(ConfigProvider.getConfig().getOptionalValue("dataops.platform.consumer.max-message-bytes", Integer.class)
                .orElse(DEFAULT_MAX_BYTES));
    }

    public BoundedStringDeserializer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public String deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > maxBytes) {
            return EventCodec.oversized(data.length, maxBytes);
        }
        return new String(data, StandardCharsets.UTF_8);
    }
}
