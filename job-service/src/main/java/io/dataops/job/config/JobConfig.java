package io.dataops.job.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "dataops.job")
public interface JobConfig {

    /** How often a job's server-sent-events stream looks at the job; an unchanged job sends nothing. */
    @WithDefault("PT1S")
    Duration eventsInterval();
}
