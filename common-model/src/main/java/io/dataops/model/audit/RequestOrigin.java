package io.dataops.model.audit;

import java.util.List;

/** Where a request came from, as the login throttle and the audit log see it. */
public record RequestOrigin(String ipAddress, String userAgent) {
    private static final int MAX_IP = 45;
    private static final int MAX_USER_AGENT = 500;

    public static final RequestOrigin UNKNOWN = new RequestOrigin(null, null);

    /**
     * The client address as TrustedProxies.clientAddress finds it (the socket's peer unless a trusted proxy
     * forwarded the request). Values are cut to the AUDIT_LOG column sizes.
     */
    public static RequestOrigin of(List<String> forwardedFor, String remoteAddress, String userAgent,
                                   TrustedProxies trusted) {
        return new RequestOrigin(cut(trusted.clientAddress(remoteAddress, forwardedFor), MAX_IP),
                cut(userAgent, MAX_USER_AGENT));
    }

    private static String cut(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.length() <= max ? value : value.substring(0, max);
    }
}
