package io.dataops.loader.rest;

import io.dataops.loader.repository.Customer;
import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.api.Sort;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.security.Permissions;
import io.dataops.platform.listing.ListQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** The loaded CUSTOMERS rows (docs/product-spec.md §6.1, Data Tables): filtered, sorted, paged. */
@Path("/api/data/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {
    private static final Map<String, String> SORTABLE = Map.of("id", "id", "customer_code", "customerCode",
            "name", "name", "country", "country", "segment", "segment", "credit_limit", "creditLimit",
            "created_at", "createdAt");

    public record CustomerView(long id, String customerCode, String name, String email, String phone, String country,
                               String segment, BigDecimal creditLimit, boolean isActive, Long sourceFileId,
                               Instant createdAt) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id, c.customerCode, c.name, c.email, c.phone, c.country, c.segment,
                    c.creditLimit, c.isActive == 1, c.sourceFileId, c.createdAt);
        }
    }

    @GET
    @RolesAllowed(Permissions.DATA_READ)
    public Page<CustomerView> list(@QueryParam("country") String country, @QueryParam("segment") String segment,
                                   @QueryParam("source_file_id") Long sourceFileId, @QueryParam("search") String search,
                                   @QueryParam("page") Integer page, @QueryParam("limit") Integer limit,
                                   @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, limit);
        return ListQuery.where()
                .equal("country", country)
                .equal("segment", segment)
                .equal("sourceFileId", sourceFileId)
                .contains(search, "name", "customerCode", "email")
                .orderBy(Sort.parse(sort, SORTABLE, "customer_code"), "id")
                .page(request, (jpql, params) -> Customer.find(jpql, params), CustomerView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Permissions.DATA_READ)
    public CustomerView get(@PathParam("id") long id) {
        Customer customer = Customer.findById(id);
        if (customer == null) {
            throw ProblemException.notFound("Customer", id);
        }
        return CustomerView.of(customer);
    }
}
