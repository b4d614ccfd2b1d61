package io.dataops.model.problem;

/** 429 RATE_LIMITED; the problem mapper turns {@link #retryAfterSeconds()} into a Retry-After header. */
public class RateLimitedException extends ProblemException {
    private final long retryAfterSeconds;

    public RateLimitedException(String detail, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMITED, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
