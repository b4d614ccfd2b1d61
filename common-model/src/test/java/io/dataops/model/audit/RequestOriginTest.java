package io.dataops.model.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestOriginTest {

    @Test
    void takes_the_first_forwarded_hop_when_the_proxy_is_trusted() {
        assertThat(RequestOrigin.of(" 203.0.113.7 , 10.0.0.1", "10.0.0.2", "curl/8", true))
                .isEqualTo(new RequestOrigin("203.0.113.7", "curl/8"));
    }

    @Test
    void takes_the_socket_peer_without_a_header_or_without_trust() {
        assertThat(RequestOrigin.of(null, "10.0.0.2", null, true).ipAddress()).isEqualTo("10.0.0.2");
        assertThat(RequestOrigin.of("203.0.113.7", "10.0.0.2", null, false).ipAddress()).isEqualTo("10.0.0.2");
    }

    @Test
    void cuts_values_to_the_audit_columns() {
        RequestOrigin origin = RequestOrigin.of(null, "x".repeat(60), "a".repeat(600), true);
        assertThat(origin.ipAddress()).hasSize(45);
        assertThat(origin.userAgent()).hasSize(500);
    }
}
