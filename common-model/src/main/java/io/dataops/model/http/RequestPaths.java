package io.dataops.model.http;

/**
 * Which request paths are spelled the one way our routes, filters and audit see them. Vert.x and RESTEasy
 * normalise a path before they match it ({@code //api} and {@code /./api} and {@code /%61pi} all reach
 * {@code /api}), while a check that reads the raw path sees another string; refusing every other spelling
 * closes that gap for good (docs/security.md, "Path spelling").
 */
public final class RequestPaths {
    private static final String UNRESERVED_PUNCTUATION = "-._~";

    /**
     * True for an absolute path with no empty segment (a trailing slash is allowed), no {@code .} or {@code ..}
     * segment, no {@code ;} (matrix parameters our API never uses), no backslash, and no percent escape of a
     * character that needs none (RFC 3986 unreserved) or of {@code /} and {@code \}.
     */
    public static boolean isCanonical(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/' || rawPath.contains("//")) {
            return false;
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == ';' || c == '\\' || c == '%' && !escapeNeeded(rawPath, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean escapeNeeded(String path, int percent) {
        if (percent + 2 >= path.length()) {
            return false;
        }
        int high = Character.digit(path.charAt(percent + 1), 16);
        int low = Character.digit(path.charAt(percent + 2), 16);
        if (high < 0 || low < 0) {
            return false;
        }
        char decoded = (char) (high * 16 + low);
        boolean unreserved = decoded < 128 && (Character.isLetterOrDigit(decoded) || UNRESERVED_PUNCTUATION.indexOf(decoded) >= 0);
        return !unreserved && decoded != '/' && decoded != '\\';
    }

    private RequestPaths() {
    }
}
