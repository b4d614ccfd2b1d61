package io.dataops.model.events;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressGateTest {

    @Test
    void reports_the_first_batch_then_once_per_interval_per_job() {
        AtomicLong now = new AtomicLong(10_000);
        ProgressGate gate = new ProgressGate(1000, now::get);

        assertThat(gate.shouldReport(1)).isTrue();
        assertThat(gate.shouldReport(1)).isFalse();
        assertThat(gate.shouldReport(2)).isTrue();
        now.addAndGet(999);
        assertThat(gate.shouldReport(1)).isFalse();
        now.addAndGet(1);
        assertThat(gate.shouldReport(1)).isTrue();
        gate.forget(1);
        assertThat(gate.shouldReport(1)).isTrue();
    }
}
