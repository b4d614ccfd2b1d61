package io.dataops.model.events;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Lets a stage report a job's progress at most once per interval. Progress events carry totals, so skipping some
 * loses nothing: the next one, or the closing FileLoaded, says it all. Without it every 500-row batch cost an
 * event, a ledger query and a JOBS update.
 */
public final class ProgressGate {
    private final long intervalMillis;
    private final LongSupplier clock;
    private final ConcurrentHashMap<Long, Long> lastReport = new ConcurrentHashMap<>();

    public ProgressGate(long intervalMillis) {
        this(intervalMillis, System::currentTimeMillis);
    }

    ProgressGate(long intervalMillis, LongSupplier clock) {
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    /** True for the first call of a job and then once per interval. */
    public boolean shouldReport(long jobId) {
        long now = clock.getAsLong();
        boolean[] report = {false};
        lastReport.compute(jobId, (id, last) -> {
            if (last == null || now - last >= intervalMillis) {
                report[0] = true;
                return now;
            }
            return last;
        });
        return report[0];
    }

    /** The job is finished here; forget it so the map does not grow. */
    public void forget(long jobId) {
        lastReport.remove(jobId);
    }
}
