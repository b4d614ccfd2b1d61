package io.dataops.platform.closing;

/**
 * Who does a run's closing work, as plain logic (docs/adr/0024-one-file-across-partitions.md). Every message of a run
 * (each batch and the closing marker) arrives at the run's closing row once its own work is committed; arrivals are
 * taken one at a time (the row is locked), and each sees everything committed before it. The arrival that finds the
 * run complete (the marker came, and the ledger holds as many entries as it announced) and unclaimed claims the
 * closing. Only that arrival, or a redelivery of the same message (its first delivery may have died before the
 * closing was done), closes. Any other arrival after the claim leaves the closing to the claimer.
 */
public final class ClosingRule {

    /** What an arrival does. */
    public enum Verdict {
        /** The run is not complete yet: a later arrival will close it. */
        WAIT,
        /** This arrival closes the run (and, if it was unclaimed, claims it). */
        CLOSE,
        /** Another arrival claimed the closing, or the run is closed: nothing to do. */
        DONE
    }

    /**
     * @param expected  the ledger entries the closing marker announced; null before the marker came
     * @param done      the ledger entries committed now, this arrival's own included
     * @param claimedBy the arrival that claimed the closing, or null
     * @param closed    whether the closing work was done and recorded
     * @param arrival   this message's identity, the same on every delivery of it ("batch 7", "end")
     */
    public static Verdict decide(Long expected, long done, String claimedBy, boolean closed, String arrival) {
        if (closed) {
            return Verdict.DONE;
        }
        if (claimedBy != null) {
            return claimedBy.equals(arrival) ? Verdict.CLOSE : Verdict.DONE;
        }
        if (expected == null || done < expected) {
            return Verdict.WAIT;
        }
        if (done > expected) {
            throw new IllegalStateException("the ledger holds " + done + " entries but the closing marker announced "
                    + expected);
        }
        return Verdict.CLOSE;
    }

    private ClosingRule() {
    }
}
