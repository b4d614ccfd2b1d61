package io.dataops.platform.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This replica's name as the ledgers record it ({@link PlatformConfig#instance()}, else the host name, which is the pod
 * name in Kubernetes), clipped to the 64 characters of the handled_by columns.
 */
@ApplicationScoped
public class ReplicaName {
    static final int MAX_LENGTH = 64;

    private final String name;

    public ReplicaName(PlatformConfig config) {
        this.name = of(config.instance().filter(s -> !s.isBlank()).orElseGet(ReplicaName::hostName));
    }

    public String value() {
        return name;
    }

    static String of(String name) {
        String trimmed = name.trim();
        return trimmed.length() <= MAX_LENGTH ? trimmed : trimmed.substring(0, MAX_LENGTH);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
