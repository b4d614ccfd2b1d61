package io.dataops.model.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTermTest {

    @Test
    void percent_and_underscore_in_a_term_are_escaped_so_they_match_themselves() {
        assertThat(SearchTerm.containsLowerCase("50%")).isEqualTo("%50!%%");
        assertThat(SearchTerm.containsLowerCase("a_b")).isEqualTo("%a!_b%");
    }

    @Test
    void the_escape_character_itself_is_escaped() {
        assertThat(SearchTerm.containsLowerCase("hi!")).isEqualTo("%hi!!%");
    }

    @Test
    void a_plain_term_is_trimmed_and_lower_cased() {
        assertThat(SearchTerm.containsLowerCase("  Acme Ltd ")).isEqualTo("%acme ltd%");
    }
}
