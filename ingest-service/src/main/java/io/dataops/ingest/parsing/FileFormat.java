package io.dataops.ingest.parsing;

import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.ProblemException;

import java.util.Locale;

/** The formats a file may have; anything else is refused at upload with 415 UNSUPPORTED_FORMAT. */
public enum FileFormat {
    CSV, JSON;

    /** Decided by the file name's extension, falling back to the declared content type. */
    public static FileFormat detect(String fileName, String contentType) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt") && isCsvType(contentType)) {
            return CSV;
        }
        if (name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return JSON;
        }
        if (!name.contains(".") && isCsvType(contentType)) {
            return CSV;
        }
        if (!name.contains(".") && contentType != null && contentType.startsWith("application/json")) {
            return JSON;
        }
        throw new ProblemException(ErrorCode.UNSUPPORTED_FORMAT,
                "Only CSV and JSON files are accepted; '" + fileName + "' is neither");
    }

    private static boolean isCsvType(String contentType) {
        return contentType != null && (contentType.startsWith("text/csv") || contentType.startsWith("text/plain"));
    }

    public String fileType() {
        return name().toLowerCase(Locale.ROOT);
    }
}
