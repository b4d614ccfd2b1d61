package io.dataops.model.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditActionsTest {

    @Test
    void a_post_to_a_collection_creates_one_of_its_items() {
        assertThat(AuditActions.describe("POST", "/api/jobs/")).isEqualTo(new AuditActions.Described("JOB_CREATE", "job"));
    }

    @Test
    void put_patch_and_delete_on_an_item_update_or_delete_it() {
        assertThat(AuditActions.describe("PUT", "/api/validation/rules/{id}").action()).isEqualTo("RULE_UPDATE");
        assertThat(AuditActions.describe("PATCH", "/api/schedules/{id}").action()).isEqualTo("SCHEDULE_UPDATE");
        assertThat(AuditActions.describe("DELETE", "/api/data/files/{id}"))
                .isEqualTo(new AuditActions.Described("FILE_DELETE", "file"));
    }

    @Test
    void a_verb_after_the_id_names_the_action_and_data_is_no_resource() {
        assertThat(AuditActions.describe("POST", "/api/data/files/{id}/process"))
                .isEqualTo(new AuditActions.Described("FILE_PROCESS", "file"));
        assertThat(AuditActions.describe("POST", "/api/jobs/{id}/cancel").action()).isEqualTo("JOB_CANCEL");
    }

    @Test
    void a_bare_verb_is_the_action_and_a_verb_under_a_collection_keeps_the_resource() {
        assertThat(AuditActions.describe("POST", "/api/data/upload")).isEqualTo(new AuditActions.Described("UPLOAD", null));
        assertThat(AuditActions.describe("POST", "/api/reports/generate"))
                .isEqualTo(new AuditActions.Described("REPORT_GENERATE", "report"));
        assertThat(AuditActions.describe("POST", "/api/data-sources/{sourceId}/pull").action()).isEqualTo("DATA_SOURCE_PULL");
    }

    @Test
    void names_never_exceed_the_audit_log_column() {
        assertThat(AuditActions.describe("POST", "/api/" + "x".repeat(80) + "s").action()).hasSize(50);
    }
}
