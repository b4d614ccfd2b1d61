package io.dataops.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    @ParameterizedTest
    @CsvSource({
            "/api/data/upload, ingest",
            "/api/data/files, ingest",
            "/api/data/files/42, ingest",
            "/api/data/files/42/process, ingest",
            "/api/data/files/42/errors, validation",
            "/api/data/errors, validation",
            "/api/rules/customers, validation",
            "/api/data/customers, loader",
            "/api/data/customers/7, loader",
            "/api/data/orders, loader",
            "/api/jobs, job",
            "/api/jobs/9/cancel, job",
            "/api/dashboard/stats, report",
            "/api/reports/3/download, report"})
    void sends_each_path_to_the_service_that_owns_it(String path, String service) {
        assertThat(RouteTable.serviceFor(path)).contains(service);
        assertThat(path).matches(RouteTable.FORWARDED_PATHS);
    }

    @ParameterizedTest
    @CsvSource({"/api/auth/login", "/api/users", "/api/database", "/q/health"})
    void keeps_its_own_paths_and_unknown_ones(String path) {
        assertThat(RouteTable.serviceFor(path)).isEmpty();
    }

    /** The services' management endpoints live on their management ports, which the gateway knows nothing of. */
    @ParameterizedTest
    @CsvSource({"/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/"})
    void forwards_no_management_path(String path) {
        assertThat(RouteTable.serviceFor(path)).isEmpty();
        assertThat(path).doesNotMatch(RouteTable.FORWARDED_PATHS);
    }
}
