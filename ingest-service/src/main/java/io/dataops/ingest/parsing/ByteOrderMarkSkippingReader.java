package io.dataops.ingest.parsing;

import java.io.FilterReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;

/** Drops a leading U+FEFF, which spreadsheet exports put before the header and which is not part of any name. */
final class ByteOrderMarkSkippingReader extends FilterReader {

    ByteOrderMarkSkippingReader(Reader source) {
        super(skipMark(source));
    }

    private static Reader skipMark(Reader source) {
        PushbackReader reader = new PushbackReader(source, 1);
        try {
            int first = reader.read();
            if (first != -1 && first != '\uFEFF') {
                reader.unread(first);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return reader;
    }
}
