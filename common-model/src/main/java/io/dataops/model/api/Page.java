package io.dataops.model.api;

import java.util.List;

/** The list envelope of docs/product-spec.md §6.2: {@code items, total, page, pages, limit}. Pages count from 1. */
public record Page<T>(List<T> items, long total, int page, int pages, int limit) {

    public static <T> Page<T> of(List<T> items, long total, PageRequest request) {
        int pages = (int) ((total + request.limit() - 1) / request.limit());
        return new Page<>(items, total, request.page(), pages, request.limit());
    }
}
