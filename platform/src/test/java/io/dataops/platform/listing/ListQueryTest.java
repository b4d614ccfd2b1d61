package io.dataops.platform.listing;

import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.api.Sort;
import io.dataops.model.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The list builder on its own: request values only ever as parameters, the sort only from the whitelist, a search
 * whose wildcards match themselves, and the page envelope of docs/product-spec.md §6.2 ( items, total, page, pages, limit).
 */
class ListQueryTest {
    private static final Map<String, String> SORTABLE = Map.of("name", "name", "created_at", "createdAt");

    @Test
    void leaves_out_every_filter_whose_value_is_absent() {
        ListQuery query = ListQuery.where().equal("status", null).contains(null, "name").contains("  ", "name")
                .orderBy(Sort.parse(null, SORTABLE, "name"), "id");

        assertThat(query.jpql()).isEqualTo("order by name ASC, id");
        assertThat(query.parameters()).isEmpty();
    }

    @Test
    void joins_filters_with_and_and_binds_every_value_as_a_parameter() {
        ListQuery query = ListQuery.where().equal("status", "failed' or '1'='1").atLeast("createdAt", 5)
                .before("createdAt", 9).orderBy("createdAt desc, id desc");

        assertThat(query.jpql())
                .isEqualTo("status = :p1 and createdAt >= :p2 and createdAt < :p3 order by createdAt desc, id desc");
        assertThat(query.parameters()).containsExactly(Map.entry("p1", "failed' or '1'='1"), Map.entry("p2", 5),
                Map.entry("p3", 9));
    }

    @Test
    void a_filter_word_that_names_no_value_matches_no_row_instead_of_every_row() {
        Map<String, Integer> statuses = Map.of("failed", 3);

        ListQuery known = ListQuery.where().equalNamed("status", "failed", statuses::get);
        ListQuery unknown = ListQuery.where().equalNamed("status", "faild", statuses::get);
        ListQuery absent = ListQuery.where().equalNamed("status", null, statuses::get);

        assertThat(known.jpql()).isEqualTo("status = :p1");
        assertThat(known.parameters()).containsExactly(Map.entry("p1", 3));
        assertThat(unknown.jpql()).isEqualTo("1 = 0");
        assertThat(unknown.parameters()).isEmpty();
        assertThat(absent.jpql()).isEmpty();
    }

    @Test
    void searches_several_fields_for_one_escaped_lower_case_term() {
        ListQuery query = ListQuery.where().contains("50%_Off!", "name", "email");

        assertThat(query.jpql())
                .isEqualTo("(lower(name) like :p1 escape '!' or lower(email) like :p1 escape '!')");
        assertThat(query.parameters()).containsExactly(Map.entry("p1", "%50!%!_off!!%"));
    }

    @Test
    void a_search_of_one_field_needs_no_parentheses() {
        assertThat(ListQuery.where().contains("a", "originalName").jpql())
                .isEqualTo("lower(originalName) like :p1 escape '!'");
    }

    @Test
    void sorts_only_by_a_whitelisted_name_mapped_to_its_field() {
        assertThat(ListQuery.where().orderBy(Sort.parse("-created_at", SORTABLE, "name"), "id desc").jpql())
                .isEqualTo("order by createdAt DESC, id desc");
        assertThatThrownBy(() -> Sort.parse("name; drop table users", SORTABLE, "name"))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().errors().get(0).field()).isEqualTo("sort"));
    }

    @Test
    void asks_for_the_requested_page_counted_from_zero_and_reports_the_total() {
        List<Object> asked = new ArrayList<>();
        Page<String> page = ListQuery.where().equal("status", "failed").orderBy("id")
                .page(PageRequest.of(3, 10), (jpql, params) -> {
                    asked.add(jpql);
                    asked.add(params);
                    return fakeQuery(List.of(7L, 8L), 42, asked);
                }, id -> "row " + id);

        assertThat(asked).containsExactly("status = :p1 order by id", Map.of("p1", "failed"), "page 2 of size 10");
        assertThat(page).isEqualTo(new Page<>(List.of("row 7", "row 8"), 42, 3, 5, 10));
    }

    /** A query that answers list() and count() and writes down which page it was asked for. */
    @SuppressWarnings("unchecked")
    private static PanacheQuery<Long> fakeQuery(List<Long> rows, long total, List<Object> asked) {
        return (PanacheQuery<Long>) Proxy.newProxyInstance(ListQueryTest.class.getClassLoader(),
                new Class<?>[]{PanacheQuery.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "page" -> {
                        asked.add("page " + args[0] + " of size " + args[1]);
                        yield proxy;
                    }
                    case "list" -> rows;
                    case "count" -> total;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
