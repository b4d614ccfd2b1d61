package io.dataops.ingest.repository;

import io.dataops.model.api.PageRequest;
import io.dataops.model.api.SearchTerm;
import io.dataops.model.api.Sort;
import io.dataops.model.status.FileStatus;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class DataFileRepository {
    /** API sort names to entity fields: the whitelist of seed 6.2's {@code sort} parameter. */
    public static final Map<String, String> SORTABLE = Map.of(
            "id", "id", "uploaded_at", "uploadedAt", "original_name", "originalName", "file_size", "fileSize",
            "status", "status", "row_count", "rowCount", "processed_at", "processedAt");

    public record Filter(String status, String fileType, String search) {
    }

    public PanacheQuery<DataFile> find(Filter filter, Sort sort, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (filter.status() != null) {
            where.add("status = :status");
            params.and("status", FileStatus.of(filter.status())); // a value that names no status matches no file
        }
        if (filter.fileType() != null) {
            where.add("fileType = :fileType");
            params.and("fileType", filter.fileType());
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            where.add("lower(originalName) like :search" + SearchTerm.LIKE_ESCAPE);
            params.and("search", SearchTerm.containsLowerCase(filter.search()));
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where)) + " order by " + sort.toSql() + ", id desc";
        return DataFile.<DataFile>find(query.startsWith(" order") ? query.substring(1) : query, params)
                .page(page.page() - 1, page.limit());
    }
}
