package io.dataops.ingest.parsing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.nio.charset.CharacterCodingException;

/** The sentence a user reads when a file stops being readable part-way: what went wrong, where, and what was kept. */
public final class ReadFaults {
    private ReadFaults() {
    }

    public static String describe(Throwable fault, long rowsBefore) {
        return "The file could not be read after " + rowsBefore + (rowsBefore == 1 ? " row: " : " rows: ") + what(fault)
                + "; the rows before it were kept, the rest of the file was not read";
    }

    private static String what(Throwable fault) {
        FileFormatFault format = find(fault, FileFormatFault.class);
        if (format != null) {
            return format.describe();
        }
        JsonProcessingException json = find(fault, JsonProcessingException.class);
        if (json != null) {
            return "JSON syntax error, " + json.getOriginalMessage() + position(json.getLocation());
        }
        if (find(fault, CharacterCodingException.class) != null) {
            return "bytes the file's encoding cannot decode (choose the encoding when processing)";
        }
        Throwable root = fault;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String position(JsonLocation at) {
        if (at == null || at.getLineNr() < 0) {
            return "";
        }
        String where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        long offset = at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
        return offset >= 0 ? where + " (offset " + offset + ")" : where;
    }

    private static <T extends Throwable> T find(Throwable fault, Class<T> type) {
        for (Throwable t = fault; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
