package io.dataops.ingest.client;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;

/**
 * job-service owns JOBS, so a processing run gets its job id there. The caller's own token is forwarded:
 * job-service checks it like any request, so ingest cannot create jobs its caller could not.
 */
@RegisterRestClient(configKey = "job-service")
@Path("/api/jobs")
public interface JobClient {

    record NewJob(String jobName, String jobType, Long fileId, Map<String, Object> parameters) {
    }

    record CreatedJob(long id, String status) {
    }

    @POST
    CreatedJob create(@HeaderParam("Authorization") String authorization, NewJob job);
}
