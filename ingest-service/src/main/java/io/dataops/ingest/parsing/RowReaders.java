package io.dataops.ingest.parsing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.io.BufferedReader;

/** Opens a stored file as rows, by its type, delimiter and encoding. */
public final class RowReaders {

    /**
     * Bytes that are not valid in the encoding fail the read rather than becoming replacement characters, so a
     * mis-declared encoding is reported instead of silently loading mangled text.
     */
    public static Reader text(Path file, Charset encoding) throws IOException {
        CharsetDecoder decoder = encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 65_536);
    }

    public static CsvDialect csvDialect(Path file, Character delimiter, Charset encoding) throws IOException {
        if (delimiter != null) {
            return new CsvDialect(delimiter, encoding);
        }
        try (Reader reader = new ByteOrderMarkSkippingReader(text(file, encoding))) {
            return new CsvDialect(CsvDialect.detectDelimiter(reader), encoding);
        }
    }

    public static RowReader open(Path file, FileFormat format, CsvDialect dialect, RecordLimits limits) throws IOException {
        Reader reader = text(file, dialect.encoding());
        return format == FileFormat.JSON ? new JsonRowReader(reader, limits)
                : new CsvRowReader(reader, dialect.delimiter(), limits);
    }

    private RowReaders() {
    }
}
