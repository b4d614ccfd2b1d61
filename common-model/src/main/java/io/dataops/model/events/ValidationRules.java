package io.dataops.model.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The per-run rules of the process request (docs/product-spec.md §6.2), carried with every batch of the run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationRules(
        @JsonProperty("required_fields") List<String> requiredFields,
        @JsonProperty("email_format") List<String> emailFields,
        @JsonProperty("positive_numbers") List<String> positiveNumberFields) {

    public ValidationRules {
        requiredFields = requiredFields == null ? List.of() : List.copyOf(requiredFields);
        emailFields = emailFields == null ? List.of() : List.copyOf(emailFields);
        positiveNumberFields = positiveNumberFields == null ? List.of() : List.copyOf(positiveNumberFields);
    }

    public static ValidationRules none() {
        return new ValidationRules(List.of(), List.of(), List.of());
    }
}
