package io.dataops.model.events;

import java.util.List;

/**
 * A bounded slice of one file's rows. {@code batchNo} counts from 1 and is the same for the same rows on every
 * topic of the chain, so each consumer's ledger can recognise a redelivered batch.
 */
public record RowBatch(long jobId, long fileId, String target, ValidationRules rules, int batchNo,
                       List<SourceRow> rows) implements FileRowsMessage {
}
