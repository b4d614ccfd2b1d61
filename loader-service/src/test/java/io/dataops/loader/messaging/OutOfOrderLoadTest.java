package io.dataops.loader.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.LoadFinished;
import io.dataops.model.events.LoaderReport;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.platform.config.ReplicaName;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.TestDatabase;
import io.dataops.testing.TestKafka;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same validated file loaded twice: once with its batches spread over the partitions as validation forwards them,
 * once with its closing marker first and its batches in reverse order (one partition, so that order is what the loader
 * sees). Either way one LoadFinished with the same counts (docs/adr/0024-one-file-across-partitions.md), and the
 * ledger names the replica that loaded each batch.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class OutOfOrderLoadTest {
    private static final AtomicLong IDS = new AtomicLong(7_000_000_000L + System.currentTimeMillis() % 1_000_000 * 100);

    @Inject
    DataSource dataSource;
    @Inject
    ReplicaName replica;

    private static SourceRow customer(long line, String code) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_code", code);
        values.put("name", "Name of " + code);
        values.put("email", code.toLowerCase() + "@x.io");
        return SourceRow.of(line, values, code);
    }

    /** Three batches of five valid rows (validation rejected one more row), one code already loaded by another file. */
    private static List<FileRowsMessage> file(long jobId, long fileId, String taken) {
        String p = "O" + fileId + "-";
        return List.of(
                new RowBatch(jobId, fileId, "customers", ValidationRules.none(), 1,
                        List.of(customer(2, p + "A"), customer(3, p + "B"))),
                new RowBatch(jobId, fileId, "customers", ValidationRules.none(), 2,
                        List.of(customer(5, taken), customer(6, p + "C"))),
                new RowBatch(jobId, fileId, "customers", ValidationRules.none(), 3, List.of(customer(7, p + "D"))),
                new RowsEnd(jobId, fileId, "customers", 3, 6, 1));
    }

    private static List<LoadFinished> finishes(long jobId, Duration window) {
        return TestKafka.readFor(Topics.FILE_ROWS_REJECTED,
                        r -> EventCodec.decode(r.value(), LoaderReport.class) instanceof LoadFinished f && f.jobId() == jobId,
                        window).stream().map(ConsumerRecord::value)
                .map(v -> (LoadFinished) EventCodec.decode(v, LoaderReport.class)).toList();
    }

    private static List<RowsRejected> rejects(long jobId) {
        return TestKafka.readFor(Topics.FILE_ROWS_REJECTED,
                        r -> EventCodec.decode(r.value(), LoaderReport.class) instanceof RowsRejected f && f.jobId() == jobId,
                        Duration.ofSeconds(2)).stream().map(ConsumerRecord::value)
                .map(v -> (RowsRejected) EventCodec.decode(v, LoaderReport.class)).toList();
    }

    @Test
    void a_run_with_its_marker_first_and_its_batches_reversed_finishes_once_like_the_run_in_order() throws Exception {
        long takenFile = IDS.incrementAndGet();
        long takenJob = IDS.incrementAndGet();
        String taken = "T" + takenFile;
        TestKafka.send(Topics.FILE_ROWS_VALIDATED, Long.toString(takenFile), EventCodec.encode(new RowBatch(takenJob,
                takenFile, "customers", ValidationRules.none(), 1, List.of(customer(2, taken)))));
        TestKafka.send(Topics.FILE_ROWS_VALIDATED, Long.toString(takenFile), EventCodec.encode(
                new RowsEnd(takenJob, takenFile, "customers", 1, 1, 0)));
        assertThat(TestKafka.readUntil(Topics.FILE_ROWS_REJECTED, r -> EventCodec.decode(r.value(), LoaderReport.class)
                instanceof LoadFinished f && f.jobId() == takenJob, kept -> !kept.isEmpty(), Duration.ofSeconds(30)))
                .isNotEmpty();

        long inOrderFile = IDS.incrementAndGet();
        long inOrderJob = IDS.incrementAndGet();
        for (FileRowsMessage m : file(inOrderJob, inOrderFile, taken)) {
            TestKafka.send(Topics.FILE_ROWS_VALIDATED, FileRowsMessage.partitionKey(m), EventCodec.encode(m));
        }
        long reversedFile = IDS.incrementAndGet();
        long reversedJob = IDS.incrementAndGet();
        List<FileRowsMessage> backwards = new ArrayList<>(file(reversedJob, reversedFile, taken));
        java.util.Collections.reverse(backwards);
        for (FileRowsMessage m : backwards) {
            TestKafka.send(Topics.FILE_ROWS_VALIDATED, Long.toString(reversedFile), EventCodec.encode(m));
        }

        TestKafka.readUntil(Topics.FILE_ROWS_REJECTED, r -> EventCodec.decode(r.value(), LoaderReport.class)
                        instanceof LoadFinished f && (f.jobId() == inOrderJob || f.jobId() == reversedJob),
                kept -> kept.size() >= 2, Duration.ofSeconds(30));
        for (long job : new long[]{inOrderJob, reversedJob}) {
            List<LoadFinished> finished = finishes(job, Duration.ofSeconds(5));
            assertThat(finished).as("LoadFinished of job %d", job).hasSize(1);
            LoadFinished f = finished.get(0);
            assertThat(List.of(f.loaded().rowsRead(), f.loaded().rowsValid(), f.loaded().rowsRejected(),
                    f.loaded().rowsLoaded(), f.rejectedRows())).containsExactly(6L, 4L, 2L, 4L, 1L);
            assertThat(rejects(job)).extracting(RowsRejected::batchNo).containsExactly(2);
            assertThat(TestDatabase.count(dataSource, "SELECT COUNT(*) FROM loaded_batches WHERE job_id = ?"
                    + " AND handled_by = '" + replica.value() + "'", job)).isEqualTo(3);
        }
    }
}
