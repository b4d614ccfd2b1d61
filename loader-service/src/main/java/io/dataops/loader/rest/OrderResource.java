package io.dataops.loader.rest;

import io.dataops.loader.repository.CustomerOrder;
import io.dataops.loader.repository.OrderItem;
import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.api.Sort;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The loaded ORDERS rows with their ORDER_ITEMS: filtered, sorted, paged; one order with its items. */
@Path("/api/data/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    private static final Map<String, String> SORTABLE = Map.of("id", "id", "order_number", "orderNumber",
            "customer_code", "customerCode", "order_date", "orderDate", "total_amount", "totalAmount",
            "status", "status", "created_at", "createdAt");

    public record OrderView(long id, String orderNumber, String customerCode, Long customerId, LocalDate orderDate,
                            BigDecimal totalAmount, String status, Long sourceFileId, Instant createdAt,
                            List<ItemView> items) {
        static OrderView of(CustomerOrder o, List<ItemView> items) {
            return new OrderView(o.id, o.orderNumber, o.customerCode, o.customerId, o.orderDate, o.totalAmount,
                    o.status, o.sourceFileId, o.createdAt, items);
        }
    }

    public record ItemView(int lineNo, String product, int qty, BigDecimal price) {
        static ItemView of(OrderItem i) {
            return new ItemView(i.lineNo, i.product, i.qty, i.price);
        }
    }

    /** Orders without their items (one order's items: {@code GET /api/data/orders/{id}}). */
    @GET
    @RolesAllowed(Permissions.DATA_READ)
    public Page<OrderView> list(@QueryParam("customer_code") String customerCode, @QueryParam("status") String status,
                                @QueryParam("source_file_id") Long sourceFileId,
                                @QueryParam("date_from") String dateFrom, @QueryParam("date_to") String dateTo,
                                @QueryParam("search") String search,
                                @QueryParam("page") Integer page, @QueryParam("limit") Integer limit,
                                @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, limit);
        Sort order = Sort.parse(sort, SORTABLE, "order_number");
        return ListQuery.where()
                .equal("customerCode", customerCode)
                .equal("status", status)
                .equal("sourceFileId", sourceFileId)
                .atLeast("orderDate", dateFrom == null ? null : date("date_from", dateFrom))
                .atMost("orderDate", dateTo == null ? null : date("date_to", dateTo))
                .contains(search, "orderNumber", "customerCode")
                .orderBy(order, "id")
                .page(request, (jpql, params) -> CustomerOrder.<CustomerOrder>find(jpql, params),
                        o -> OrderView.of(o, null));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Permissions.DATA_READ)
    public OrderView get(@PathParam("id") long id) {
        CustomerOrder order = CustomerOrder.findById(id);
        if (order == null) {
            throw ProblemException.notFound("Order", id);
        }
        return OrderView.of(order, OrderItem.ofOrder(id).stream().map(ItemView::of).toList());
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "'" + value + "' is not a date",
                    List.of(new FieldError(field, "must be a date (yyyy-mm-dd)")));
        }
    }
}
