package io.dataops.gateway.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LockoutScheduleTest {

    @ParameterizedTest
    @CsvSource({"1, 0", "4, 0", "5, 30", "6, 60", "7, 120", "8, 240", "9, 480", "10, 900", "11, 900", "500, 900"})
    void locks_from_the_fifth_failure_for_thirty_seconds_doubling_up_to_fifteen_minutes(int failures, long seconds) {
        assertThat(LockoutSchedule.delayAfter(failures, 5, Duration.ofSeconds(30), Duration.ofMinutes(15)))
                .isEqualTo(Duration.ofSeconds(seconds));
    }
}
