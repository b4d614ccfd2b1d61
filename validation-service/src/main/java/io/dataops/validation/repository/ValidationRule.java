package io.dataops.validation.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A row of VALIDATION_RULES: one stored rule of a target's field. */
@Entity
@Table(name = "validation_rules")
public class ValidationRule extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String target;
    public String fieldName;
    public String ruleType;
    /** The parameters as a JSON object, or null for none. */
    public String parameters;
    public String message;
    /** 1 or 0: Oracle before 23 has no BOOLEAN column. */
    public int active;
    public Instant createdAt;
    public Instant updatedAt;

    /** The target's active rules in a stable order, the base of every run's rule set. */
    public static List<ValidationRule> activeFor(String target) {
        return list("target = ?1 and active = 1 order by id", target);
    }

    public static boolean taken(String target, String field, String ruleType, Long exceptId) {
        return count("target = ?1 and fieldName = ?2 and ruleType = ?3 and id <> ?4", target, field, ruleType,
                exceptId == null ? -1L : exceptId) > 0;
    }
}
