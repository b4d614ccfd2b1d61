package io.dataops.validation.service;

import io.dataops.validation.repository.FileKeyStore;
import io.dataops.validation.rules.StoredKeyFilter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link StoredKeyFilter} of each run this process is validating. A run met for the first time (or again after
 * another replica stored some of its batches) gets its filter rebuilt from FILE_KEYS, so a restart or a moved
 * partition costs one read of the run's keys, never a missed duplicate. A few runs are kept; an evicted one is
 * rebuilt when its next batch comes.
 */
@ApplicationScoped
public class RunKeyFilters {
    private static final int RUNS_KEPT = 8;

    private final FileKeyStore keys;
    private final Map<Long, StoredKeyFilter> filters = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, StoredKeyFilter> eldest) {
            return size() > RUNS_KEPT;
        }
    });

    public RunKeyFilters(FileKeyStore keys) {
        this.keys = keys;
    }

    /** Call inside the batch's transaction. */
    public StoredKeyFilter forBatch(long jobId, int batchNo) {
        StoredKeyFilter filter = filters.get(jobId);
        if (filter == null || !filter.covers(batchNo)) {
            filter = keys.storedKeyFilter(jobId);
            filters.put(jobId, filter);
        }
        return filter;
    }

    public void forget(long jobId) {
        filters.remove(jobId);
    }
}
