package io.dataops.validation.service;

import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.api.Sort;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.targets.TargetTables;
import io.dataops.platform.listing.ListQuery;
import io.dataops.validation.repository.ValidationRule;
import io.dataops.validation.rules.RuleCatalogue;
import io.dataops.validation.rules.RuleDefinition;
import io.dataops.validation.rules.RuleJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
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
        return ListQuery.where()
                .equal("target", lowerCaseOrNull(target))
                .equal("fieldName", lowerCaseOrNull(field))
                .equal("ruleType", lowerCaseOrNull(ruleType))
                .equal("active", active == null ? null : active ? 1 : 0)
                .orderBy(Sort.parse(sort, SORTABLE, "id"), "id")
                .page(request, (jpql, params) -> ValidationRule.find(jpql, params), RuleView::of);
    }

    /** Rule filters match the stored lower-case names; a blank filter is no filter. */
    private static String lowerCaseOrNull(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase();
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
