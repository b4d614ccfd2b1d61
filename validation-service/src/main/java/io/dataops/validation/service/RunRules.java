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
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Resolves a run's rule set once: at whichever of its batches comes first, the target's active stored rules merged
 * with the run's own (§6.2-shaped, docs/product-spec.md) rules are written to RUN_RULES with the day "not in the
 * future" is judged against, in a short transaction of their own so that two replicas racing on a run's first
 * batches end with one snapshot ({@link RunRuleStore#saveFirst}). Every other or redelivered batch, on any replica,
 * reads that snapshot; a small cache keeps the compiled validator, checked against the stored text.
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
        RunRuleSnapshot snapshot = snapshotFor(batch.jobId(), batch.fileId(), target.name(),
                () -> new RunRuleSnapshot(RuleJson.ruleSet(resolve(target, batch)), LocalDate.now(ZoneOffset.UTC)));
        Compiled cached = cache.get(batch.jobId());
        if (cached != null && cached.snapshot().equals(snapshot)) {
            return cached.validator();
        }
        RowValidator validator = new RowValidator(target, RuleJson.ruleSet(snapshot.rulesJson()), snapshot.asOf());
        cache.put(batch.jobId(), new Compiled(snapshot, validator));
        return validator;
    }

    /** The run's stored snapshot, or {@code resolved} stored as it if the run has none yet (whoever stores first wins). */
    public RunRuleSnapshot snapshotFor(long jobId, long fileId, String target, Supplier<RunRuleSnapshot> resolved) {
        return store.find(jobId).orElseGet(() -> {
            RunRuleSnapshot candidate = resolved.get();
            return QuarkusTransaction.requiringNew().call(() -> store.saveFirst(jobId, fileId, target, candidate));
        });
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
