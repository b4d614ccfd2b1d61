package io.dataops.model.audit;

/** Where a request came from, as the audit log records it. */
public record RequestOrigin(String ipAddress, String userAgent) {
    private static final int MAX_IP = 45;
    private static final int MAX_USER_AGENT = 500;

    public static final RequestOrigin UNKNOWN = new RequestOrigin(null, null);

    /**
     * The client is the first hop of X-Forwarded-For when the gateway trusts its proxy, else the socket's peer.
     * Values are cut to the AUDIT_LOG column sizes.
     */
    public static RequestOrigin of(String forwardedFor, String remoteAddress, String userAgent, boolean trustForwardedFor) {
        String ip = remoteAddress;
        if (trustForwardedFor && forwardedFor != null) {
            String first = forwardedFor.split(",", 2)[0].trim();
            if (!first.isEmpty()) {
                ip = first;
            }
        }
        return new RequestOrigin(cut(ip, MAX_IP), cut(userAgent, MAX_USER_AGENT));
    }

    private static String cut(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.length() <= max ? value : value.substring(0, max);
    }
}
