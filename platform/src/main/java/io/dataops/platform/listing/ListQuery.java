package io.dataops.platform.listing;

import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.api.SearchTerm;
import io.dataops.model.api.Sort;
import io.quarkus.hibernate.orm.panache.PanacheQuery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The one filter/sort/page builder of every list endpoint (docs/adr/0019). An endpoint declares its filters by entity
 * field; a filter whose value is absent (null) is left out. Values travel only as named parameters and the sort only
 * as a whitelisted column ({@link Sort#parse}), so no request text reaches the query. A search is a case-insensitive
 * "contains" over one or more fields, its own {@code %} and {@code _} matching themselves ({@link SearchTerm}).
 * <pre>
 * ListQuery.where().equal("status", status).contains(search, "name", "email")
 *         .orderBy(Sort.parse(sort, SORTABLE, "name"), "id")
 *         .page(request, (jpql, params) -&gt; Customer.find(jpql, params), CustomerView::of);
 * </pre>
 */
public final class ListQuery {
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private String order = "";

    private ListQuery() {
    }

    public static ListQuery where() {
        return new ListQuery();
    }

    /** {@code field = value}, unless value is null. */
    public ListQuery equal(String field, Object value) {
        return compare(field, "=", value);
    }

    /**
     * {@code field = parse(word)} for a filter given as a word (a status, a type), unless the word is null. A word that
     * names no value matches no row, as comparing the text would, rather than being dropped and matching every row.
     */
    public <T> ListQuery equalNamed(String field, String word, Function<String, T> parse) {
        if (word == null) {
            return this;
        }
        T value = parse.apply(word);
        if (value == null) {
            conditions.add("1 = 0");
            return this;
        }
        return compare(field, "=", value);
    }

    /** {@code field >= value} (a range's inclusive start), unless value is null. */
    public ListQuery atLeast(String field, Object value) {
        return compare(field, ">=", value);
    }

    /** {@code field <= value} (a range's inclusive end), unless value is null. */
    public ListQuery atMost(String field, Object value) {
        return compare(field, "<=", value);
    }

    /** {@code field < value} (a range's exclusive end), unless value is null. */
    public ListQuery before(String field, Object value) {
        return compare(field, "<", value);
    }

    /** Rows where any of {@code fields} contains {@code term}, ignoring case; nothing when the term is null or blank. */
    public ListQuery contains(String term, String... fields) {
        if (term == null || term.isBlank()) {
            return this;
        }
        String name = parameter();
        List<String> likes = new ArrayList<>();
        for (String field : fields) {
            likes.add("lower(" + field + ") like :" + name + SearchTerm.LIKE_ESCAPE);
        }
        conditions.add(likes.size() == 1 ? likes.get(0) : "(" + String.join(" or ", likes) + ")");
        parameters.put(name, SearchTerm.containsLowerCase(term));
        return this;
    }

    /** The request's sort, then {@code tieBreak} (say {@code id}) so equal values page in a stable order. */
    public ListQuery orderBy(Sort sort, String tieBreak) {
        return orderBy(sort.toSql() + ", " + tieBreak);
    }

    /** A fixed order, written as the entity fields (from code, never from a request). */
    public ListQuery orderBy(String fixedOrder) {
        this.order = fixedOrder;
        return this;
    }

    /** The query as Panache reads it: the conditions joined by {@code and}, then the order. */
    public String jpql() {
        String where = String.join(" and ", conditions);
        if (order.isEmpty()) {
            return where;
        }
        return where.isEmpty() ? "order by " + order : where + " order by " + order;
    }

    public Map<String, Object> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /**
     * One page of the rows, each turned into its view, with the total count of the filter.
     *
     * @param find the entity's finder, e.g. {@code (jpql, params) -> Customer.find(jpql, params)} (a lambda: Panache
     *             generates the entity's own static find, which a method reference to the base class would miss)
     */
    public <E, V> Page<V> page(PageRequest request, BiFunction<String, Map<String, Object>, PanacheQuery<E>> find,
                               Function<? super E, V> view) {
        PanacheQuery<E> found = find.apply(jpql(), parameters()).page(request.page() - 1, request.limit());
        return Page.of(found.list().stream().<V>map(view).toList(), found.count(), request);
    }

    private ListQuery compare(String field, String operator, Object value) {
        if (value != null) {
            String name = parameter();
            conditions.add(field + " " + operator + " :" + name);
            parameters.put(name, value);
        }
        return this;
    }

    private String parameter() {
        return "p" + (parameters.size() + 1);
    }
}
