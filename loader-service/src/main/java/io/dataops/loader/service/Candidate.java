package io.dataops.loader.service;

import io.dataops.model.events.SourceRow;

import java.util.List;
import java.util.Map;

/** A row ready to be written: its parsed nested arrays, one list per child array of the target, in its order. */
record Candidate(SourceRow row, List<List<Map<String, String>>> children) {
}
