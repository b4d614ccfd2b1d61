package io.dataops.ingest.parsing;

import io.dataops.model.events.SourceRow;

import java.io.Closeable;
import java.util.Iterator;

/** A file read as a stream of rows; only the current row is in memory. */
public interface RowReader extends Iterator<SourceRow>, Closeable {
}
