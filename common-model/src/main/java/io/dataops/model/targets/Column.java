package io.dataops.model.targets;

/**
 * One column of a target table as a file fills it. {@code length} bounds TEXT; {@code precision} and
 * {@code scale} bound DECIMAL like Oracle's NUMBER(p,s).
 */
public record Column(String name, ColumnType type, int length, int precision, int scale, boolean required) {

    public static Column text(String name, int length, boolean required) {
        return new Column(name, ColumnType.TEXT, length, 0, 0, required);
    }

    public static Column decimal(String name, int precision, int scale, boolean required) {
        return new Column(name, ColumnType.DECIMAL, 0, precision, scale, required);
    }

    public static Column integer(String name, boolean required) {
        return new Column(name, ColumnType.INTEGER, 0, 10, 0, required);
    }

    public static Column date(String name, boolean required) {
        return new Column(name, ColumnType.DATE, 0, 0, 0, required);
    }

    /** The SQL type used in CAST expressions; the same text is valid in Oracle and in H2's Oracle mode. */
    public String sqlType() {
        return switch (type) {
            case TEXT -> "VARCHAR2(" + length + " CHAR)";
            case INTEGER -> "NUMBER(" + precision + ")";
            case DECIMAL -> "NUMBER(" + precision + "," + scale + ")";
            case DATE -> "DATE";
            case BOOLEAN -> "NUMBER(1)";
        };
    }
}
