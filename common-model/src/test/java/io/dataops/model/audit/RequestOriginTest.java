package io.dataops.model.audit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestOriginTest {
    private static final TrustedProxies INGRESS = TrustedProxies.of(List.of("10.0.0.0/24"));

    @Test
    void with_no_trusted_proxy_a_client_chosen_forwarded_for_is_ignored() {
        assertThat(RequestOrigin.of(List.of("203.0.113.7"), "198.51.100.4", "curl/8", TrustedProxies.NONE))
                .isEqualTo(new RequestOrigin("198.51.100.4", "curl/8"));
    }

    @Test
    void behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client() {
        // the client wrote "1.1.1.1" itself; the ingress appended the address it really saw
        assertThat(RequestOrigin.of(List.of("1.1.1.1, 203.0.113.7"), "10.0.0.2", null, INGRESS).ipAddress())
                .isEqualTo("203.0.113.7");
    }

    @Test
    void cuts_values_to_the_audit_columns() {
        RequestOrigin origin = RequestOrigin.of(null, "x".repeat(60), "a".repeat(600), TrustedProxies.NONE);
        assertThat(origin.ipAddress()).hasSize(45);
        assertThat(origin.userAgent()).hasSize(500);
    }
}
