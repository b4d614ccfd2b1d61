package io.dataops.model.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names an audited request from its HTTP method and route template, so no endpoint has to name itself:
 * {@code POST /api/jobs} is JOB_CREATE on a job, {@code DELETE /api/data/files/{id}} FILE_DELETE,
 * {@code POST /api/data/files/{id}/process} FILE_PROCESS, {@code POST /api/data/upload} UPLOAD (ingest renames it FILE_UPLOAD through AuditContext).
 * The {@code data} namespace segment is not a resource. A resource may override both through AuditContext.
 */
public final class AuditActions {
    private static final int MAX_ACTION = 50;

    /** The action name and resource type ({@code null} when the route names none). */
    public record Described(String action, String resourceType) {
    }

    public static Described describe(String method, String template) {
        List<String> segments = new ArrayList<>();
        for (String segment : template.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        if (!segments.isEmpty() && segments.get(0).equals("api")) {
            segments.remove(0);
        }
        if (!segments.isEmpty() && segments.get(0).equals("data")) {
            segments.remove(0);
        }
        int lastParam = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (isParam(segments.get(i))) {
                lastParam = i;
            }
        }
        String resource = null;
        String verb;
        if (lastParam > 0) {
            resource = singular(segments.get(lastParam - 1));
            verb = lastParam < segments.size() - 1 ? String.join("_", segments.subList(lastParam + 1, segments.size())) : verbOf(method);
        } else if (segments.size() > 1) {
            resource = singular(segments.get(0));
            verb = String.join("_", segments.subList(1, segments.size()));
        } else if (segments.size() == 1 && segments.get(0).endsWith("s")) {
            resource = singular(segments.get(0));
            verb = verbOf(method);
        } else {
            verb = segments.isEmpty() ? verbOf(method) : segments.get(0);
        }
        String action = ((resource == null ? "" : resource + "_") + verb).replaceAll("[^A-Za-z0-9]+", "_")
                .toUpperCase(Locale.ROOT);
        return new Described(action.length() <= MAX_ACTION ? action : action.substring(0, MAX_ACTION), resource);
    }

    private static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String verbOf(String method) {
        switch (method.toUpperCase(Locale.ROOT)) {
            case "POST":
                return "create";
            case "PUT":
            case "PATCH":
                return "update";
            case "DELETE":
                return "delete";
            default:
                return method.toLowerCase(Locale.ROOT);
        }
    }

    static String singular(String plural) {
        String word = plural.toLowerCase(Locale.ROOT).replace('-', '_');
        if (word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("ses")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    private AuditActions() {
    }
}
