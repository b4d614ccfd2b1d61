package io.dataops.report.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.report.repository.DashboardModel;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardResourceShapeTest {

    @Test
    void the_read_model_numbers_land_in_the_spec_shape() throws Exception {
        DashboardResource.Stats stats = DashboardResource.from(new DashboardModel.Stats(156, 12, 2, 3, 45230, 128456, 234, 15, 1, 3));

        assertThat(new ObjectMapper().writeValueAsString(stats)).isEqualTo("{"
                + "\"files\":{\"total\":156,\"today\":12,\"processing\":2,\"failed\":3},"
                + "\"records\":{\"customers\":45230,\"orders\":128456},"
                + "\"errors\":{\"total\":234,\"today\":15},"
                + "\"jobs\":{\"running\":1,\"queued\":3}}");
    }

    @Test
    void today_starts_at_midnight_utc() {
        assertThat(DashboardResource.startOfUtcDay(Instant.parse("2026-03-08T23:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-03-08T00:00:00Z"));
        assertThat(DashboardResource.startOfUtcDay(Instant.parse("2026-03-09T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-09T00:00:00Z"));
    }
}
