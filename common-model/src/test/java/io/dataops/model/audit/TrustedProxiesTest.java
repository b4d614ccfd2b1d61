package io.dataops.model.audit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {
    private static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @Test
    void matches_addresses_inside_each_block_and_nothing_else() {
        assertThat(PROXIES.trusts("10.255.0.1")).isTrue();
        assertThat(PROXIES.trusts("11.0.0.1")).isFalse();
        assertThat(PROXIES.trusts("192.168.1.7")).isTrue();
        assertThat(PROXIES.trusts("192.168.1.8")).isFalse();
        assertThat(PROXIES.trusts("fd12:3456::1")).isTrue();
        assertThat(PROXIES.trusts("fe80::1")).isFalse();
        assertThat(PROXIES.trusts("localhost")).isFalse();
        assertThat(PROXIES.trusts("10.0.0.300")).isFalse();
    }

    @Test
    void a_prefix_that_is_not_a_whole_byte_splits_the_byte() {
        TrustedProxies block = TrustedProxies.of(List.of("172.16.0.0/12"));
        assertThat(block.trusts("172.31.255.255")).isTrue();
        assertThat(block.trusts("172.32.0.0")).isFalse();
        assertThat(block.trusts("172.15.255.255")).isFalse();
    }

    @Test
    void an_untrusted_peer_is_the_client_whatever_it_forwards() {
        assertThat(PROXIES.clientAddress("203.0.113.9", List.of("10.0.0.1"))).isEqualTo("203.0.113.9");
        assertThat(TrustedProxies.NONE.clientAddress("10.0.0.1", List.of("203.0.113.9"))).isEqualTo("10.0.0.1");
    }

    @Test
    void walks_forwarded_hops_from_the_right_past_trusted_proxies_across_repeated_headers() {
        assertThat(PROXIES.clientAddress("10.0.0.1", List.of("6.6.6.6, 203.0.113.9", "192.168.1.7")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void a_hop_that_is_no_address_stops_at_the_proxy_that_reported_it() {
        assertThat(PROXIES.clientAddress("10.0.0.1", List.of("203.0.113.9, evil.example"))).isEqualTo("10.0.0.1");
        assertThat(PROXIES.clientAddress("10.0.0.1", List.of("203.0.113.9, 10.0.0.2, "))).isEqualTo("10.0.0.1");
    }

    @Test
    void a_chain_of_only_trusted_proxies_gives_its_left_most_hop() {
        assertThat(PROXIES.clientAddress("10.0.0.1", List.of("10.0.0.3, 10.0.0.2"))).isEqualTo("10.0.0.3");
    }

    @Test
    void a_malformed_entry_is_refused_with_its_text() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.internal"))).hasMessageContaining("proxy.internal");
    }
}
