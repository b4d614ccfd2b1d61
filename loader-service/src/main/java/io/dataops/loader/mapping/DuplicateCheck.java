package io.dataops.loader.mapping;

/**
 * Decides what a row whose natural key is already stored means. Plain logic: the stored row's provenance
 * against the incoming row's.
 */
public final class DuplicateCheck {

    /** Who inserted the stored row. */
    public record Provenance(long fileId, long jobId, long rowNumber) {
    }

    /**
     * @return null when the row is the very row that put the key there, loaded again by a later run of the same
     * file or replayed by the same run after a lost ledger row (nothing changes and nothing is wrong); otherwise
     * why the row is a duplicate
     */
    public static String duplicateReason(String keyName, String key, Provenance stored, long fileId, long jobId,
                                         long rowNumber) {
        if (stored.fileId() == fileId && stored.rowNumber() == rowNumber) {
            return null;
        }
        if (stored.fileId() == fileId) {
            return keyName + " '" + key + "' appears earlier in this file (row " + stored.rowNumber() + ")";
        }
        return keyName + " '" + key + "' was already loaded from file " + stored.fileId() + " (row " + stored.rowNumber() + ")";
    }

    private DuplicateCheck() {
    }
}
