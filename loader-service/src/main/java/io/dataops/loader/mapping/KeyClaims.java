package io.dataops.loader.mapping;

import io.dataops.loader.mapping.DuplicateCheck.Provenance;
import io.dataops.model.events.LoadMode;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides, for the rows of one batch taken in row order, what each does with its natural key, so that the result
 * does not depend on the order in which a file's batches are loaded: within a file the lower row number keeps a key
 * (docs/adr/0026-insert-once-lower-row-wins.md). Plain logic over what the database holds ({@code stored}: the
 * provenance of the rows already holding some of the batch's keys) and what earlier rows of the batch claimed.
 * <ul>
 * <li>a key nobody holds: INSERT;</li>
 * <li>held by the very same row of the same file (a re-run, or a replay without its ledger row): UNCHANGED;</li>
 * <li>held by a lower row of the same file, in this batch or stored: DUPLICATE naming that row;</li>
 * <li>held by a higher row stored by this same run: OVERWRITE, and that row becomes a DUPLICATE naming this one
 * (the {@link Displaced} row), the message a run in row order gives it;</li>
 * <li>held by a higher row stored by an earlier run of the file: DUPLICATE (a finished run is not changed);</li>
 * <li>held by another file: DUPLICATE in insert mode, OVERWRITE (an update) in upsert mode.</li>
 * </ul>
 * A row whose write the database then refuses gives its claim back ({@link #refused}), so a higher row of the batch
 * with the same key is decided as if the refused row had never been there, as a run in row order would.
 */
public final class KeyClaims {

    public enum Action { INSERT, OVERWRITE, UNCHANGED, DUPLICATE }

    /** A higher row of the same run that held the key and is now a DUPLICATE of the deciding row. */
    public record Displaced(long rowNumber, String reason) {
    }

    /**
     * What a row does. {@code stored}: the provenance an OVERWRITE expects to find (it changes only that row);
     * {@code reason} and {@code duplicateOfRow} for a DUPLICATE ({@code duplicateOfRow} is null unless the key is
     * held by another row of the same file); {@code displaced} for an OVERWRITE of a higher row of this run.
     */
    public record Decision(long rowNumber, String key, Action action, Provenance stored, String reason,
                           Long duplicateOfRow, Displaced displaced) {
    }

    private final String keyName;
    private final Map<String, Provenance> stored;
    private final long fileId;
    private final long jobId;
    private final LoadMode mode;
    /** Keys taken by rows of this batch already decided: the row holding each now, as the database will see it. */
    private final Map<String, Provenance> claimed = new HashMap<>();

    public KeyClaims(String keyName, Map<String, Provenance> stored, long fileId, long jobId, LoadMode mode) {
        this.keyName = keyName;
        this.stored = stored;
        this.fileId = fileId;
        this.jobId = jobId;
        this.mode = mode;
    }

    /** Call in ascending row order. */
    public Decision decide(long rowNumber, String key) {
        Provenance holder = claimed.containsKey(key) ? claimed.get(key) : stored.get(key);
        Decision decision = decide(holder, rowNumber, key);
        if (decision.action() != Action.DUPLICATE) {
            claimed.put(key, new Provenance(fileId, jobId, rowNumber));
        }
        return decision;
    }

    /** The row of {@code decision} was not written after all: its key is held as it was before. */
    public void refused(Decision decision) {
        if (decision.action() == Action.INSERT || decision.action() == Action.OVERWRITE) {
            claimed.remove(decision.key());
        }
    }

    private Decision decide(Provenance holder, long rowNumber, String key) {
        if (holder == null) {
            return new Decision(rowNumber, key, Action.INSERT, null, null, null, null);
        }
        if (holder.fileId() == fileId) {
            if (holder.rowNumber() == rowNumber) {
                return new Decision(rowNumber, key, Action.UNCHANGED, holder, null, null, null);
            }
            if (holder.rowNumber() < rowNumber) {
                return duplicate(rowNumber, key, holder, DuplicateCheck.duplicateReason(keyName, key, holder, fileId,
                        jobId, rowNumber), holder.rowNumber());
            }
            if (holder.jobId() == jobId) {
                String reason = keyName + " '" + key + "' appears earlier in this file (row " + rowNumber + ")";
                return new Decision(rowNumber, key, Action.OVERWRITE, holder, null, null,
                        new Displaced(holder.rowNumber(), reason));
            }
            return duplicate(rowNumber, key, holder, keyName + " '" + key + "' was already loaded from this file by an"
                    + " earlier run (row " + holder.rowNumber() + ")", holder.rowNumber());
        }
        if (mode == LoadMode.UPSERT) {
            return new Decision(rowNumber, key, Action.OVERWRITE, holder, null, null, null);
        }
        return duplicate(rowNumber, key, holder, DuplicateCheck.duplicateReason(keyName, key, holder, fileId, jobId,
                rowNumber), null);
    }

    private static Decision duplicate(long rowNumber, String key, Provenance holder, String reason, Long duplicateOf) {
        return new Decision(rowNumber, key, Action.DUPLICATE, holder, reason, duplicateOf, null);
    }
}
