package io.dataops.ingest.repository;

import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.api.Sort;
import io.dataops.model.status.FileStatus;
import io.dataops.platform.listing.ListQuery;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.function.Function;

@ApplicationScoped
public class DataFileRepository {
    /** API sort names to entity fields: the whitelist of docs/product-spec.md §6.2's {@code sort} parameter. */
    public static final Map<String, String> SORTABLE = Map.of(
            "id", "id", "uploaded_at", "uploadedAt", "original_name", "originalName", "file_size", "fileSize",
            "status", "status", "row_count", "rowCount", "processed_at", "processedAt");

    public record Filter(String status, String fileType, String search) {
    }

    /** One page of DATA_FILES as the list endpoint asks for it; {@code sort} is already whitelisted. */
    public <V> Page<V> find(Filter filter, Sort sort, PageRequest page, Function<DataFile, V> view) {
        return ListQuery.where()
                .equalNamed("status", filter.status(), FileStatus::of)
                .equal("fileType", filter.fileType())
                .contains(filter.search(), "originalName")
                .orderBy(sort, "id desc")
                .page(page, (jpql, params) -> DataFile.find(jpql, params), view);
    }
}
