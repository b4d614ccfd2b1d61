package io.dataops.job.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "dataops.job")
public interface JobConfig {

    /** How often a job's server-sent-events stream looks at the job; an unchanged job sends nothing. */
    @WithDefault("PT1S")
    Duration eventsInterval();

    /**
     * How often an events stream asks Redis again whether its token was logged out, its user's sessions ended or
     * its user deactivated; the stream ends then, and always when its token expires.
     */
    @WithDefault("PT15S")
    Duration eventsTokenCheck();
}
