package io.dataops.ingest.service;

import io.dataops.ingest.config.IngestConfig;
import io.dataops.ingest.parsing.CsvDialect;
import io.dataops.ingest.parsing.FileFormatFault;
import io.dataops.ingest.parsing.RecordLimits;
import io.dataops.ingest.parsing.FileFormat;
import io.dataops.ingest.parsing.RowReader;
import io.dataops.ingest.parsing.RowReaders;
import io.dataops.ingest.repository.DataFile;
import io.dataops.model.events.SourceRow;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The first rows of a stored file as the pipeline would read them, with the dialect it would use. */
@ApplicationScoped
public class FilePreview {
    public static final int MAX_ROWS = 100;

    private final FileIngestion files;
    private final IngestConfig config;

    public FilePreview(FileIngestion files, IngestConfig config) {
        this.files = files;
        this.config = config;
    }

    public record Preview(long fileId, String fileType, String delimiter, String encoding, List<String> columns,
                          List<SourceRow> rows) {
    }

    public Preview preview(long fileId, int rows, FileProcessing.ReadOptions options) {
        if (rows < 1 || rows > MAX_ROWS) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "rows must be between 1 and " + MAX_ROWS,
                    List.of(new FieldError("rows", "must be between 1 and " + MAX_ROWS)));
        }
        DataFile file = DataFile.findById(fileId);
        if (file == null) {
            throw ProblemException.notFound("File", fileId);
        }
        FileFormat format = FileFormat.valueOf(file.fileType.toUpperCase(Locale.ROOT));
        Charset encoding = CsvDialect.encoding(options.encoding());
        try {
            CsvDialect dialect = format == FileFormat.JSON ? new CsvDialect(',', encoding)
                    : RowReaders.csvDialect(files.contentOf(file), CsvDialect.delimiter(options.delimiter()), encoding);
            List<SourceRow> sample = new ArrayList<>();
            Set<String> columns = new LinkedHashSet<>();
            try (RowReader reader = RowReaders.open(files.contentOf(file), format, dialect,
                    new RecordLimits(config.maxRecordChars(), config.maxFieldChars()))) {
                while (reader.hasNext() && sample.size() < rows) {
                    SourceRow row = reader.next();
                    if (row.values() != null) {
                        columns.addAll(row.values().keySet());
                    }
                    sample.add(row);
                }
            }
            return new Preview(fileId, file.fileType, format == FileFormat.JSON ? null : dialect.delimiterName(),
                    dialect.encodingName(), List.copyOf(columns), sample);
        } catch (FileFormatFault e) {
            // the same code, position and sentence as the failed job's error
            throw ProblemException.at(e.code(), e.describe(), e.line(), e.column());
        } catch (CharacterCodingException | UncheckedIOException e) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "The file cannot be read as " + encoding.name(),
                    List.of(new FieldError("encoding", "does not match the file's bytes")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
