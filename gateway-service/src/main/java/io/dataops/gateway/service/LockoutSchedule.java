package io.dataops.gateway.service;

import java.time.Duration;

/** How long a username stays locked after consecutive failed logins: nothing, then a doubling delay with a cap. */
public final class LockoutSchedule {

    /**
     * @param failures consecutive failures so far, the one just made included
     * @param threshold failures that trigger the first lock
     */
    public static Duration delayAfter(int failures, int threshold, Duration initial, Duration max) {
        if (failures < threshold) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - threshold, 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private LockoutSchedule() {
    }
}
