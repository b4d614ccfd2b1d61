package io.dataops.job.rest;

import io.dataops.job.config.JobConfig;
import io.dataops.platform.security.TokenStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Keeps an event stream to what its token still allows: the request's checks ran once, at the start, but a stream
 * can outlive a logout, a role change or the token itself. Each watch ends its stream when the token expires and
 * when, asked again every {@code dataops.job.events-token-check}, Redis refuses it (or cannot be asked).
 */
@ApplicationScoped
public class EventStreamAccess {
    private static final Logger LOG = Logger.getLogger(EventStreamAccess.class);
    private static final Duration STORE_WAIT = Duration.ofSeconds(5);
    private final TokenStatus status;
    private final JobConfig config;

    public EventStreamAccess(TokenStatus status, JobConfig config) {
        this.status = status;
        this.config = config;
    }

    /** Read the token now, while the request is in scope. */
    public Watch watch(JsonWebToken token) {
        return new Watch(TokenStatus.Checked.of(token));
    }

    /** One stream's token. Called from the stream's worker thread, one tick at a time. */
    public final class Watch {
        private final TokenStatus.Checked token;
        private long nextCheckAt;

        private Watch(TokenStatus.Checked token) {
            this.token = token;
            this.nextCheckAt = System.currentTimeMillis() + config.eventsTokenCheck().toMillis();
        }

        /** False once the stream must end. Blocks on Redis at most every check interval. */
        public boolean stillAdmitted() {
            long now = System.currentTimeMillis();
            if (now >= token.expiresAtSeconds() * 1000) {
                return false;
            }
            if (now < nextCheckAt) {
                return true;
            }
            nextCheckAt = now + config.eventsTokenCheck().toMillis();
            try {
                return status.refusalOf(token).await().atMost(STORE_WAIT) == null;
            } catch (RuntimeException e) {
                // refuse rather than guess, as every request does while Redis is down
                LOG.warnf("Ending an event stream: the token store is unavailable (%s)", e.toString());
                return false;
            }
        }
    }
}
