package io.dataops.validation.service;

import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.api.Sort;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.targets.TargetTables;
import io.dataops.validation.repository.ValidationRule;
import io.dataops.validation.rules.RuleCatalogue;
import io.dataops.validation.rules.RuleDefinition;
import io.dataops.validation.rules.RuleJson;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * VALIDATION_RULES through the API. Every rule is checked by {@link RuleCatalogue} before it is stored, so a
 * stored rule always compiles; a run that already started keeps the rules it resolved (RUN_RULES).
 */
@ApplicationScoped
public class RuleAdministration {
    private static final Map<String, String> SORTABLE = Map.of("id", "id", "target", "target", "field", "fieldName",
            "rule_type", "ruleType", "created_at", "createdAt", "updated_at", "updatedAt");

    /** A rule as the API takes it. */
    public record RuleRequest(String target, String field, String ruleType, Map<String, Object> parameters,
                              String message, Boolean active) {
    }

    /** A rule as the API shows it. */
    public record RuleView(long id, String target, String field, String ruleType, Map<String, Object> parameters,
                           String message, boolean active, Instant createdAt, Instant updatedAt) {
        static RuleView of(ValidationRule r) {
            return new RuleView(r.id, r.target, r.fieldName, r.ruleType, RuleJson.parameters(r.parameters), r.message,
                    r.active == 1, r.createdAt, r.updatedAt);
        }
    }

    @Transactional
    public Page<RuleView> list(String target, String field, String ruleType, Boolean active, Integer page,
                               Integer limit, String sort) {
        PageRequest request = PageRequest.of(page, limit);
        Sort order = Sort.parse(sort, SORTABLE, "id");
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (target != null && !target.isBlank()) {
            where.add("target = :target");
            params.and("target", target.trim().toLowerCase());
        }
        if (field != null && !field.isBlank()) {
            where.add("fieldName = :field");
            params.and("field", field.trim().toLowerCase());
        }
        if (ruleType != null && !ruleType.isBlank()) {
            where.add("ruleType = :ruleType");
            params.and("ruleType", ruleType.trim().toLowerCase());
        }
        if (active != null) {
            where.add("active = :active");
            params.and("active", active ? 1 : 0);
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by " + order.toSql() + ", id";
        PanacheQuery<ValidationRule> found = ValidationRule.find(query, params).page(request.page() - 1, request.limit());
        return Page.of(found.list().stream().map(RuleView::of).toList(), found.count(), request);
    }

    @Transactional
    public RuleView get(long id) {
        return RuleView.of(find(id));
    }

    @Transactional
    public RuleView create(RuleRequest request) {
        ValidationRule rule = new ValidationRule();
        apply(rule, request);
        rule.createdAt = Instant.now();
        rule.updatedAt = rule.createdAt;
        rule.persist();
        return RuleView.of(rule);
    }

    @Transactional
    public RuleView update(long id, RuleRequest request) {
        ValidationRule rule = find(id);
        apply(rule, request);
        rule.updatedAt = Instant.now();
        return RuleView.of(rule);
    }

    @Transactional
    public void delete(long id) {
        find(id).delete();
    }

    private static void apply(ValidationRule rule, RuleRequest request) {
        if (request == null) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "A JSON body is required");
        }
        RuleDefinition checked = RuleCatalogue.check(request.target(), request.field(), request.ruleType(),
                request.parameters(), request.message());
        String target = TargetTables.require(request.target()).name();
        if (ValidationRule.taken(target, checked.field(), checked.type().apiName(), rule.id)) {
            throw new ProblemException(ErrorCode.CONFLICT, target + "." + checked.field() + " already has a "
                    + checked.type().apiName() + " rule; change that one",
                    List.of(new FieldError("rule_type", "one rule of a type per field")));
        }
        rule.target = target;
        rule.fieldName = checked.field();
        rule.ruleType = checked.type().apiName();
        rule.parameters = RuleJson.parameters(checked.parameters());
        rule.message = checked.message();
        rule.active = request.active() == null || request.active() ? 1 : 0;
    }

    private static ValidationRule find(long id) {
        ValidationRule rule = ValidationRule.findById(id);
        if (rule == null) {
            throw ProblemException.notFound("Rule", id);
        }
        return rule;
    }

    /** The catalogue for clients: each rule type and the parameters it takes. */
    public static Map<String, List<String>> catalogue() {
        return RuleCatalogue.parameterNames();
    }
}
