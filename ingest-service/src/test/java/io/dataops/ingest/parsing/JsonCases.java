package io.dataops.ingest.parsing;

import io.dataops.model.events.SourceRow;
import io.dataops.model.problem.ErrorCode;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static io.dataops.model.problem.ErrorCode.JSON_SYNTAX_ERROR;
import static io.dataops.model.problem.ErrorCode.JSON_TOP_LEVEL_SCALAR;
import static io.dataops.model.problem.ErrorCode.JSON_UNPAIRED_SURROGATE;

/**
 * The JSON conformance table (docs/input-formats.md, "JSON"; RFC 8259). A row is written as its values map
 * ({@code {a=1}}) or as the row error's type; a fault as its code, line and column (both from 1). A position is the
 * character at which the text stops being JSON; in a malformed number or word (01, +1, NaN) the parser notices it at
 * the character after what it could read as a number or word. A refused value (a top-level scalar, a lone surrogate,
 * nesting too deep) is placed at its first character.
 */
public final class JsonCases {
    public static final String NOT_AN_OBJECT = JsonRowReader.NOT_AN_OBJECT;
    public static final String DUPLICATE_FIELD = JsonRowReader.DUPLICATE_FIELD;

    public record Fault(ErrorCode code, long line, long column) {
    }

    /** {@code rows}: what each element read before any fault became, in order. */
    public record Case(String name, String json, List<String> rows, Fault fault) {
        @Override
        public String toString() {
            return name;
        }
    }

    public record Reading(List<SourceRow> rows, InvalidJsonException fault) {
    }

    private static Case accepts(String name, String json, String... rows) {
        return new Case(name, json, List.of(rows), null);
    }

    private static Case stops(String name, String json, ErrorCode code, long line, long column, String... rowsBefore) {
        return new Case(name, json, List.of(rowsBefore), new Fault(code, line, column));
    }

    public static final List<Case> ALL = List.of(
            // what is accepted
            accepts("an_array_of_objects", "[{\"a\":\"1\"},{\"a\":\"2\"}]", "{a=1}", "{a=2}"),
            accepts("an_empty_array", "[]"),
            accepts("objects_one_a_line", "{\"a\":1}\n{\"a\":2}\n", "{a=1}", "{a=2}"),
            accepts("a_single_top_level_object", "{\"a\":1}", "{a=1}"),
            accepts("an_empty_object", "[{}]", "{}"),
            accepts("white_space_of_every_kind_between_tokens", " \t\r\n[ {\"a\" : 1 } ,\r\n{ \"b\":2}\t] \n",
                    "{a=1}", "{b=2}"),
            accepts("a_byte_order_mark_before_the_array", "\uFEFF[{\"a\":1}]", "{a=1}"),
            accepts("every_escape", "[{\"s\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u0041\\u00e9\\u0000\"}]",
                    "{s=q\" b\\ s/ \b\f\n\r\t A\u00e9\u0000}"),
            accepts("an_escaped_surrogate_pair_and_the_same_emoji_as_text", "[{\"s\":\"\\ud83d\\ude00 \uD83D\uDE00\"}]",
                    "{s=\uD83D\uDE00 \uD83D\uDE00}"),
            accepts("text_beyond_ascii_and_a_delete_character", "[{\"s\":\"\u00e9\u4e2d\u007f\"}]", "{s=\u00e9\u4e2d\u007f}"),
            accepts("long_numbers_kept_as_written", "[{\"n\":12345678901234567890123,\"d\":0.1000000000000000000001}]",
                    "{n=12345678901234567890123, d=0.1000000000000000000001}"),
            accepts("exponents_kept_as_written", "[{\"a\":1e5,\"b\":-2.5E-3,\"c\":1E+2,\"z\":0.0}]",
                    "{a=1e5, b=-2.5E-3, c=1E+2, z=0.0}"),
            accepts("true_false_and_null", "[{\"t\":true,\"f\":false,\"n\":null}]", "{t=true, f=false, n=null}"),
            accepts("a_nested_value_as_its_compact_json", "[{\"o\": {\"k\": [1, {\"x\": null}, 2.50]}}]",
                    "{o={\"k\":[1,{\"x\":null},2.50]}}"),
            accepts("names_trimmed_and_lower_cased", "[{\" Customer_Code \":\"C1\"}]", "{customer_code=C1}"),
            accepts("the_same_name_in_two_nested_objects", "[{\"items\":[{\"q\":1},{\"q\":2}]}]",
                    "{items=[{\"q\":1},{\"q\":2}]}"),

            // row errors: the elements after them are read
            accepts("scalars_before_an_object", "[1, 2, {\"customer_code\":\"D1\",\"name\":\"q\"}]",
                    NOT_AN_OBJECT, NOT_AN_OBJECT, "{customer_code=D1, name=q}"),
            accepts("an_element_of_every_kind_but_object", "[\"x\", true, false, null, [1], 1.5, {\"a\":1}]",
                    NOT_AN_OBJECT, NOT_AN_OBJECT, NOT_AN_OBJECT, NOT_AN_OBJECT, NOT_AN_OBJECT, NOT_AN_OBJECT, "{a=1}"),
            accepts("an_array_element_holding_an_object", "[[{\"a\":1}], {\"a\":2}]", NOT_AN_OBJECT, "{a=2}"),
            accepts("a_scalar_between_objects_one_a_line", "{\"a\":1}\n2\n{\"a\":3}", "{a=1}", NOT_AN_OBJECT, "{a=3}"),
            accepts("a_name_twice_in_one_object", "[{\"a\":1,\"a\":2},{\"a\":3}]", DUPLICATE_FIELD, "{a=3}"),
            accepts("two_names_that_differ_only_in_case", "[{\"Name\":\"x\",\"name\":\"y\"}]", DUPLICATE_FIELD),
            accepts("a_name_twice_in_a_nested_object", "[{\"items\":[{\"q\":1,\"q\":2}]},{\"a\":1}]",
                    DUPLICATE_FIELD, "{a=1}"),

            // the reported inputs that are not JSON: the rows before the fault are kept
            stops("a_missing_comma_after_a_number", "[1 true]", JSON_SYNTAX_ERROR, 1, 4, NOT_AN_OBJECT),
            stops("a_missing_value_between_commas", "[1,,2]", JSON_SYNTAX_ERROR, 1, 4, NOT_AN_OBJECT),
            stops("a_second_decimal_point", "[-1.0.]", JSON_SYNTAX_ERROR, 1, 6, NOT_AN_OBJECT),
            stops("a_misspelt_literal", "[\"x\", truth]", JSON_SYNTAX_ERROR, 1, 7, NOT_AN_OBJECT),
            stops("a_syntax_error_on_the_third_line", "[{\"a\":1},\n{\"a\":2},\n{\"a\": oops}]", JSON_SYNTAX_ERROR,
                    3, 7, "{a=1}", "{a=2}"),

            // constructs RFC 8259 does not have
            stops("a_trailing_comma_in_the_array", "[{\"a\":1},]", JSON_SYNTAX_ERROR, 1, 10, "{a=1}"),
            stops("a_trailing_comma_in_an_object", "[{\"a\":1,}]", JSON_SYNTAX_ERROR, 1, 9),
            stops("a_leading_zero", "[{\"a\":01}]", JSON_SYNTAX_ERROR, 1, 8),
            stops("not_a_number", "[{\"a\":NaN}]", JSON_SYNTAX_ERROR, 1, 10),
            stops("infinity", "[{\"a\":-Infinity}]", JSON_SYNTAX_ERROR, 1, 16),
            stops("a_plus_sign", "[{\"a\":+1}]", JSON_SYNTAX_ERROR, 1, 8),
            stops("a_leading_decimal_point", "[{\"a\":.5}]", JSON_SYNTAX_ERROR, 1, 7),
            stops("a_trailing_decimal_point", "[{\"a\":1.}]", JSON_SYNTAX_ERROR, 1, 8),
            stops("an_exponent_without_digits", "[{\"a\":1e}]", JSON_SYNTAX_ERROR, 1, 8),
            stops("a_minus_sign_alone", "[{\"a\":-}]", JSON_SYNTAX_ERROR, 1, 8),
            stops("a_hexadecimal_number", "[{\"a\":0x1F}]", JSON_SYNTAX_ERROR, 1, 8),
            stops("single_quotes", "[{'a':1}]", JSON_SYNTAX_ERROR, 1, 3),
            stops("an_unquoted_name", "[{a:1}]", JSON_SYNTAX_ERROR, 1, 3),
            stops("a_number_as_a_name", "[{1:2}]", JSON_SYNTAX_ERROR, 1, 3),
            stops("a_missing_colon", "[{\"a\" 1}]", JSON_SYNTAX_ERROR, 1, 7),
            stops("a_capitalised_literal", "[{\"a\":True}]", JSON_SYNTAX_ERROR, 1, 7),
            stops("a_line_comment", "[{\"a\":1} // note\n]", JSON_SYNTAX_ERROR, 1, 10, "{a=1}"),
            stops("a_block_comment", "/* note */[{\"a\":1}]", JSON_SYNTAX_ERROR, 1, 1),
            stops("a_raw_tab_in_a_string", "[{\"a\":\"x\ty\"}]", JSON_SYNTAX_ERROR, 1, 9),
            stops("a_raw_line_break_in_a_string", "[{\"a\":\"x\ny\"}]", JSON_SYNTAX_ERROR, 1, 9),
            stops("an_unknown_escape", "[{\"a\":\"\\x\"}]", JSON_SYNTAX_ERROR, 1, 9),
            stops("a_short_unicode_escape", "[{\"a\":\"\\u12\"}]", JSON_SYNTAX_ERROR, 1, 12),
            stops("an_escaped_high_surrogate_alone", "[{\"s\":\"\\ud800\"}]", JSON_UNPAIRED_SURROGATE, 1, 7),
            stops("an_escaped_low_surrogate_alone", "[{\"a\":1},{\"s\":\"\\udc00x\"}]", JSON_UNPAIRED_SURROGATE, 1, 15,
                    "{a=1}"),
            stops("a_surrogate_pair_in_the_wrong_order", "[{\"s\":\"\\ude00\\ud83d\"}]", JSON_UNPAIRED_SURROGATE, 1, 7),
            stops("a_lone_surrogate_in_a_name", "[{\"\\ud800\":1}]", JSON_UNPAIRED_SURROGATE, 1, 3),

            // truncated files
            stops("the_end_of_the_file_inside_the_array", "[{\"a\":1},", JSON_SYNTAX_ERROR, 1, 10, "{a=1}"),
            stops("the_end_of_the_file_inside_a_string", "[{\"a\":\"abc", JSON_SYNTAX_ERROR, 1, 11),
            stops("the_end_of_the_file_inside_an_object", "[{\"a\":1", JSON_SYNTAX_ERROR, 1, 8),

            // what the file's top level may hold
            stops("a_word_after_the_array", "[{\"a\":1}] x", JSON_SYNTAX_ERROR, 1, 11, "{a=1}"),
            stops("a_second_array", "[{\"a\":1}]\n[{\"a\":2}]", JSON_SYNTAX_ERROR, 2, 1, "{a=1}"),
            stops("commas_between_top_level_objects", "{\"a\":1},{\"a\":2}", JSON_SYNTAX_ERROR, 1, 8, "{a=1}"),
            stops("a_closing_bracket_after_top_level_objects", "{\"a\":1}]", JSON_SYNTAX_ERROR, 1, 8, "{a=1}"),
            stops("a_top_level_number", "42", JSON_TOP_LEVEL_SCALAR, 1, 1),
            stops("a_top_level_string", " \"text\"", JSON_TOP_LEVEL_SCALAR, 1, 2),
            stops("a_top_level_null", "null", JSON_TOP_LEVEL_SCALAR, 1, 1),
            stops("only_white_space", "  \n ", JSON_SYNTAX_ERROR, 2, 2));

    /** Reads {@code json} to its end or its fault. */
    public static Reading read(String json) {
        return read(json, RecordLimits.DEFAULT);
    }

    public static Reading read(String json, RecordLimits limits) {
        List<SourceRow> rows = new ArrayList<>();
        try (JsonRowReader reader = new JsonRowReader(new StringReader(json), limits)) {
            while (reader.hasNext()) {
                rows.add(reader.next());
            }
            return new Reading(rows, null);
        } catch (InvalidJsonException e) {
            return new Reading(rows, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A row as the table writes it: its values, or the type of its row error. */
    public static String outcome(SourceRow row) {
        return row.values() != null ? row.values().toString() : row.malformedType();
    }

    private JsonCases() {
    }
}
