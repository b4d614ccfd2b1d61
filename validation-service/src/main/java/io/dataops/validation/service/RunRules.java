package io.dataops.validation.service;

import io.dataops.model.events.RowBatch;
import io.dataops.model.targets.TargetTable;
import io.dataops.validation.repository.RunRuleStore;
import io.dataops.validation.repository.RunRuleStore.RunRuleSnapshot;
import io.dataops.validation.repository.ValidationRule;
import io.dataops.validation.rules.EffectiveRules;
import io.dataops.validation.rules.RowValidator;
import io.dataops.validation.rules.RuleDefinition;
import io.dataops.validation.rules.RuleJson;
import io.dataops.validation.rules.RuleType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a run's rule set once: at its first batch, the target's active stored rules merged with the run's own
 * (§6.2-shaped, docs/product-spec.md) rules are written to RUN_RULES with the day "not in the future" is judged against, in the batch's
 * transaction. Every later or redelivered batch, on any replica, reads that snapshot; a small cache keeps the
 * compiled validator, checked against the stored text so a rolled-back first batch cannot leave a stale one.
 */
@ApplicationScoped
public class RunRules {
    private record Compiled(RunRuleSnapshot snapshot, RowValidator validator) {
    }

    private final RunRuleStore store;
    private final Map<Long, Compiled> cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Compiled> eldest) {
            return size() > 64;
        }
    });

    public RunRules(RunRuleStore store) {
        this.store = store;
    }

    /** Call inside the batch's transaction. */
    public RowValidator validatorFor(RowBatch batch, TargetTable target) {
        RunRuleSnapshot snapshot = store.find(batch.jobId()).orElse(null);
        if (snapshot == null) {
            snapshot = new RunRuleSnapshot(RuleJson.ruleSet(resolve(target, batch)), LocalDate.now(ZoneOffset.UTC));
            store.save(batch.jobId(), batch.fileId(), target.name(), snapshot);
        }
        Compiled cached = cache.get(batch.jobId());
        if (cached != null && cached.snapshot().equals(snapshot)) {
            return cached.validator();
        }
        RowValidator validator = new RowValidator(target, RuleJson.ruleSet(snapshot.rulesJson()), snapshot.asOf());
        cache.put(batch.jobId(), new Compiled(snapshot, validator));
        return validator;
    }

    public void forget(long jobId) {
        cache.remove(jobId);
    }

    private static List<RuleDefinition> resolve(TargetTable target, RowBatch batch) {
        List<RuleDefinition> stored = ValidationRule.activeFor(target.name()).stream()
                .map(r -> new RuleDefinition(r.fieldName, RuleType.fromJson(r.ruleType), RuleJson.parameters(r.parameters),
                        r.message))
                .toList();
        return EffectiveRules.merge(stored, EffectiveRules.fromSeedShape(batch.rules()));
    }
}
