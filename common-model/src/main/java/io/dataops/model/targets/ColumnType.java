package io.dataops.model.targets;

/** The kinds of value a target column holds; each maps to one Oracle type. */
public enum ColumnType {
    TEXT, INTEGER, DECIMAL, DATE, BOOLEAN
}
