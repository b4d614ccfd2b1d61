package io.dataops.ingest.service;

/** Makes a client-supplied file name safe to show and to embed in a stored name. */
public final class FileNames {
    private static final int MAX_LENGTH = 200;

    /** Keeps the last path segment, drops control characters and anything outside a safe set. */
    public static String sanitize(String originalName) {
        String name = originalName == null ? "" : originalName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("\\p{Cntrl}", "").replaceAll("[^\\p{L}\\p{N}._ -]", "_").trim();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isEmpty()) {
            name = "upload";
        }
        return name.length() <= MAX_LENGTH ? name : name.substring(name.length() - MAX_LENGTH);
    }

    private FileNames() {
    }
}
