package io.dataops.gateway.routing;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service owns an /api path. Order matters: a file's errors live in validation-service although the path
 * sits under /api/data/files, and the data tables in loader-service although they sit under /api/data.
 */
public final class RouteTable {
    private record Route(Pattern path, String service) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route(Pattern.compile("^/api/data/files/[^/]+/errors(/.*)?$"), "validation"),
            new Route(Pattern.compile("^/api/data/files/[^/]+/quality$"), "validation"),
            new Route(Pattern.compile("^/api/data/errors(/.*)?$"), "validation"),
            new Route(Pattern.compile("^/api/rules(/.*)?$"), "validation"),
            new Route(Pattern.compile("^/api/data/(customers|orders|order-items)(/.*)?$"), "loader"),
            new Route(Pattern.compile("^/api/data(/.*)?$"), "ingest"),
            new Route(Pattern.compile("^/api/jobs(/.*)?$"), "job"),
            new Route(Pattern.compile("^/api/(dashboard|reports)(/.*)?$"), "report"));

    /** The regular expression of every forwarded path, for the router. */
    public static final String FORWARDED_PATHS = "^/api/(data|rules|jobs|dashboard|reports)(/.*)?$";

    public static Optional<String> serviceFor(String path) {
        return ROUTES.stream().filter(r -> r.path().matcher(path).matches()).map(Route::service).findFirst();
    }

    private RouteTable() {
    }
}
