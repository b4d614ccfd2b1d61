package io.dataops.ingest.parsing;

import io.dataops.model.events.SourceRow;
import io.dataops.model.problem.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CSV reader against RFC 4180 and the answers docs/input-formats.md ("CSV") gives where the RFC leaves a choice:
 * each case is an input and exactly the rows (line and values), row errors (line and type) or rejection (code, line,
 * column, and the rows read before it) it must give.
 */
class CsvConformanceTest {

    /** A row read with these values in header order, or a row error of this type. */
    record Expect(long line, List<String> values, String errorType) {
        @Override
        public String toString() {
            return errorType != null ? line + ": " + errorType : line + ": " + values.stream().map(CsvConformanceTest::visible).toList();
        }
    }

    record Rejection(ErrorCode code, long line, long column) {
    }

    record Case(String name, String csv, char delimiter, RecordLimits limits, List<String> header, List<Expect> rows,
                Rejection rejection) {
        @Override
        public String toString() {
            return name;
        }

        Case withHeader(String... names) {
            return new Case(name, csv, delimiter, limits, List.of(names), rows, rejection);
        }

        Case delimiter(char given) {
            return new Case(name, csv, given, limits, header, rows, rejection);
        }

        Case limits(int maxRecordChars, int maxFieldChars) {
            return new Case(name, csv, delimiter, new RecordLimits(maxRecordChars, maxFieldChars), header, rows, rejection);
        }
    }

    static Expect row(long line, String... values) {
        return new Expect(line, List.of(values), null);
    }

    static Expect error(long line, String type) {
        return new Expect(line, null, type);
    }

    static Case reads(String name, String csv, Expect... rows) {
        return new Case(name, csv, ',', RecordLimits.DEFAULT, null, List.of(rows), null);
    }

    static Case rejects(String name, String csv, ErrorCode code, long line, long column, Expect... rowsBefore) {
        return new Case(name, csv, ',', RecordLimits.DEFAULT, null, List.of(rowsBefore), new Rejection(code, line, column));
    }

    static Stream<Case> cases() {
        return Stream.of(
                // RFC 4180 as written
                reads("a CR LF inside a quoted field is kept as CR LF", "id,note\r\n1,\"x\r\ny\"\r\n",
                        row(2, "1", "x\r\ny")),
                reads("a quoted field with a CR LF after an unquoted one keeps it", "h1,h2\r\na,\"x\r\ny\"\r\n",
                        row(2, "a", "x\r\ny")),
                reads("an LF inside a quoted field is kept as LF", "id,note\n1,\"x\ny\"\n", row(2, "1", "x\ny")),
                reads("a lone CR inside a quoted field is kept as CR", "id,note\r\n1,\"x\ry\"\r\n", row(2, "1", "x\ry")),
                reads("mixed line breaks inside one quoted field are each kept", "id,note\r\n1,\"a\r\nb\nc\rd\"\r\n",
                        row(2, "1", "a\r\nb\nc\rd")),
                reads("CR LF separates records", "a,b\r\n1,2\r\n3,4\r\n", row(2, "1", "2"), row(3, "3", "4")),
                reads("LF alone separates records", "a,b\n1,2\n3,4\n", row(2, "1", "2"), row(3, "3", "4")),
                reads("a lone CR separates records", "a,b\r1,2\r3,4\r", row(2, "1", "2"), row(3, "3", "4")),
                reads("CR LF, LF and CR may be mixed in one file", "a\r\n1\n2\r3\r\n", row(2, "1"), row(3, "2"), row(4, "3")),
                reads("the last record needs no line break", "a,b\r\n1,2\r\n3,4", row(2, "1", "2"), row(3, "3", "4")),
                reads("a quoted field holds the delimiter", "a,b\r\n\"x,y\",z\r\n", row(2, "x,y", "z")),
                reads("a doubled quote inside a quoted field is one quote", "a\r\n\"say \"\"hi\"\"\"\r\n", row(2, "say \"hi\"")),
                reads("a quoted field of one doubled quote is a quote", "a,b\r\n\"\"\"\",x\r\n", row(2, "\"", "x")),
                reads("a quoted field may hold only line breaks and quotes", "a\r\n\"\r\n\"\"\r\n\"\r\n", row(2, "\r\n\"\r\n")),
                reads("an empty field and an empty quoted field are both the empty string", "a,b,c\r\n,\"\",x\r\n",
                        row(2, "", "", "x")),
                reads("a row of empty fields keeps every one", "a,b,c\r\n,,\r\n", row(2, "", "", "")),
                reads("a delimiter at the end of the last record ends an empty last field", "a,b\r\n1,", row(2, "1", "")),
                reads("an empty quoted field at the end of the file is read", "a\r\n\"\"", row(2, "")),
                reads("spaces around an unquoted field are kept", "a,b\r\n x , y \r\n", row(2, " x ", " y ")),
                reads("spaces inside quotes are kept", "a\r\n\" x \"\r\n", row(2, " x ")),
                reads("tabs and other characters are kept", "a\r\n\tx\u00e9\uD83D\uDE00\r\n", row(2, "\tx\u00e9\uD83D\uDE00")),
                reads("rows are numbered by the line they start on, counting quoted line breaks",
                        "a,b\r\n1,\"x\r\ny\r\nz\"\r\n2,w\r\n", row(2, "1", "x\r\ny\r\nz"), row(5, "2", "w")),
                reads("a blank line is skipped and the rows after it keep their line numbers", "a\r\n1\r\n\r\n2\r\n",
                        row(2, "1"), row(4, "2")),
                reads("blank lines at the end of the file are no rows", "a\r\n1\r\n\r\n\n\r\n", row(2, "1")),
                reads("blank lines before the header are skipped", "\r\n\r\na,b\r\n1,2\r\n", row(4, "1", "2"))
                        .withHeader("a", "b"),
                reads("a line of spaces is a record, not a blank line", "a\r\n  \r\n", row(2, "  ")),
                reads("header names are trimmed and lower-cased", " Customer_Code ,NAME\r\nC1,n\r\n", row(2, "C1", "n"))
                        .withHeader("customer_code", "name"),
                reads("a quoted header name may hold the delimiter", "\"a,b\",c\r\n1,2\r\n", row(2, "1", "2"))
                        .withHeader("a,b", "c"),
                reads("a byte order mark before the header is not part of the first name", "\uFEFFa,b\r\n1,2\r\n",
                        row(2, "1", "2")).withHeader("a", "b"),
                reads("a byte order mark anywhere else is kept", "a\r\n\uFEFFx\r\n", row(2, "\uFEFFx")),
                reads("a file with only a header has no rows", "a,b\r\n").withHeader("a", "b"),
                reads("an empty file has no header and no rows", "").withHeader(),
                reads("a file of blank lines has no header and no rows", "\r\n\n\r").withHeader(),
                reads("a semicolon delimiter leaves commas in the values", "a;b\r\n1,5;\"x;y\"\r\n", row(2, "1,5", "x;y"))
                        .delimiter(';'),
                reads("a tab delimiter leaves spaces in the values", "a\tb\r\n1 2\t\"x\ty\"\r\n", row(2, "1 2", "x\ty"))
                        .delimiter('\t'),

                // rows the header's columns cannot hold: a row error, and the next row is read
                reads("a row with fewer fields than the header is a malformed row", "a,b,c\r\n1,2\r\n3,4,5\r\n",
                        error(2, "MALFORMED_ROW"), row(3, "3", "4", "5")),
                reads("a row with more fields than the header is a malformed row", "a,b\r\n1,2,3\r\n4,5\r\n",
                        error(2, "MALFORMED_ROW"), row(3, "4", "5")),
                reads("a line of spaces under a two-column header is a malformed row", "a,b\r\n  \r\n1,2\r\n",
                        error(2, "MALFORMED_ROW"), row(3, "1", "2")),
                reads("a quote inside an unquoted field is a stray quote", "a,b\r\nab\"c,d\r\nx,y\r\n",
                        error(2, "STRAY_QUOTE"), row(3, "x", "y")),
                reads("a space before an opening quote makes it a stray quote", "a,b\r\n1, \"x\"\r\n2,y\r\n",
                        error(2, "STRAY_QUOTE"), row(3, "2", "y")),
                reads("a stray quote opens nothing, so the next line is the next row", "a,b\r\nab\"c,d\r\n\"x\",y\r\n",
                        error(2, "STRAY_QUOTE"), row(3, "x", "y")),
                reads("text after a closing quote is an error of its row", "a,b\r\n\"ab\"c,d\r\nx,y\r\n",
                        error(2, "TEXT_AFTER_QUOTE"), row(3, "x", "y")),
                reads("a space after a closing quote is text after the quote", "a,b\r\n\"ab\" ,d\r\nx,y\r\n",
                        error(2, "TEXT_AFTER_QUOTE"), row(3, "x", "y")),
                reads("a quote after the text after a closing quote opens nothing", "a,b\r\n\"ab\"c\"d,e\r\nx,y\r\n",
                        error(2, "TEXT_AFTER_QUOTE"), row(3, "x", "y")),
                reads("a misplaced quote is reported before a wrong field count", "a,b,c\r\nab\"c\r\n1,2,3\r\n",
                        error(2, "STRAY_QUOTE"), row(3, "1", "2", "3")),
                reads("a row longer than the record limit is a record too large error", "a,b\r\n1,\"0123456789\r\n0123456789\"\r\n2,y\r\n",
                        error(2, "RECORD_TOO_LARGE"), row(4, "2", "y")).limits(20, 20),
                reads("a value longer than the field limit is a field too large error", "a,b\r\n1,0123456\r\n2,y\r\n",
                        error(2, "FIELD_TOO_LARGE"), row(3, "2", "y")).limits(100, 5),

                // faults no row can hold: reading stops with a code and a position, the rows before stand
                rejects("a quoted field open at the end of the file is an unterminated quote at its opening quote",
                        "a,b\r\n1,2\r\n3,\"x\r\n4,5\r\n", ErrorCode.CSV_UNTERMINATED_QUOTE, 3, 3, row(2, "1", "2")),
                rejects("a lone quote on the last line is an unterminated quote", "a\r\n1\r\n\"",
                        ErrorCode.CSV_UNTERMINATED_QUOTE, 3, 1, row(2, "1")),
                rejects("a doubled quote at the end of the file does not close the field", "a\r\n\"ab\"\"",
                        ErrorCode.CSV_UNTERMINATED_QUOTE, 2, 1),
                rejects("an unterminated quote after rows with errors keeps those rows", "a,b\r\n1\r\nab\"c,d\r\n\"x,y\r\n",
                        ErrorCode.CSV_UNTERMINATED_QUOTE, 4, 1, error(2, "MALFORMED_ROW"), error(3, "STRAY_QUOTE")),
                rejects("an unterminated quote in the header", "a,\"b\r\n1,2\r\n", ErrorCode.CSV_UNTERMINATED_QUOTE, 1, 3),
                rejects("an empty header name", "a,,c\r\n1,2,3\r\n", ErrorCode.CSV_EMPTY_HEADER, 1, 3),
                rejects("a delimiter at the end of the header is an empty last name", "a,b,\r\n1,2,\r\n",
                        ErrorCode.CSV_EMPTY_HEADER, 1, 5),
                rejects("a header name of spaces is empty", "a, ,c\r\n1,2,3\r\n", ErrorCode.CSV_EMPTY_HEADER, 1, 3),
                rejects("an empty quoted header name is empty", "a,\"\"\r\n1,2\r\n", ErrorCode.CSV_EMPTY_HEADER, 1, 3),
                rejects("a repeated header name", "id,name,id\r\n1,x,2\r\n", ErrorCode.CSV_DUPLICATE_HEADER, 1, 9),
                rejects("header names that differ only in case and spaces are the same", "Name, name \r\nx,y\r\n",
                        ErrorCode.CSV_DUPLICATE_HEADER, 1, 6),
                rejects("a stray quote in the header", "a,b\"c\r\n1,2\r\n", ErrorCode.CSV_MALFORMED_HEADER, 1, 4),
                rejects("text after a closing quote in the header", "\"a\"x,b\r\n1,2\r\n", ErrorCode.CSV_MALFORMED_HEADER, 1, 4),
                rejects("columns are counted after the byte order mark", "\uFEFFa,,b\r\n", ErrorCode.CSV_EMPTY_HEADER, 1, 3),
                rejects("a character outside the basic plane counts as one column", "\uD83D\uDE00,\r\n",
                        ErrorCode.CSV_EMPTY_HEADER, 1, 3),
                rejects("a header fault after a quoted line break is placed on the line it is on",
                        "\"a\r\nb\",\r\n", ErrorCode.CSV_EMPTY_HEADER, 2, 4)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reads_csv_as_rfc_4180_and_the_documented_answers_say(Case c) {
        List<Expect> read = new ArrayList<>();
        CsvRowReader[] opened = new CsvRowReader[1];
        Runnable readAll = () -> {
            try (CsvRowReader reader = new CsvRowReader(new StringReader(c.csv()), c.delimiter(), c.limits())) {
                opened[0] = reader;
                while (reader.hasNext()) {
                    read.add(expectOf(reader.next(), reader.header()));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        if (c.rejection() == null) {
            readAll.run();
            if (c.header() != null) {
                assertThat(opened[0].header()).containsExactlyElementsOf(c.header());
            }
        } else {
            assertThatThrownBy(readAll::run).isInstanceOfSatisfying(CsvFormatException.class, e -> {
                assertThat(e.code()).isEqualTo(c.rejection().code());
                assertThat(new long[]{e.line(), e.column()}).as(e.getMessage())
                        .containsExactly(c.rejection().line(), c.rejection().column());
                assertThat(e.getMessage()).startsWith(c.rejection().code().name() + " at line " + c.rejection().line()
                        + ", column " + c.rejection().column() + ": ");
            });
        }
        assertThat(read).hasToString(c.rows().toString());
    }

    private static Expect expectOf(SourceRow row, List<String> header) {
        if (row.malformed() != null) {
            return error(row.rowNumber(), row.malformedType() == null ? "MALFORMED_ROW" : row.malformedType());
        }
        assertThat(row.values().keySet()).containsExactlyElementsOf(header);
        return new Expect(row.rowNumber(), List.copyOf(row.values().values()), null);
    }

    private static String visible(String value) {
        return value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    @Test
    void a_stray_quote_error_names_its_line_and_column_and_keeps_the_row_as_written() throws Exception {
        List<SourceRow> rows = readAll("a,b\r\n1,\"x\r\ny\",ab\"c\r\n");

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.malformedType()).isEqualTo("STRAY_QUOTE");
            assertThat(row.malformed()).startsWith("A quote at line 3, column 6 is inside a field");
            assertThat(row.raw()).isEqualTo("1,\"x\r\ny\",ab\"c");
            assertThat(row.values()).isNull();
        });
    }

    @Test
    void a_text_after_quote_error_names_the_first_character_after_the_closing_quote() throws Exception {
        List<SourceRow> rows = readAll("a,b\r\n1,\"ab\"cd\r\n");

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.malformedType()).isEqualTo("TEXT_AFTER_QUOTE");
            assertThat(row.malformed()).startsWith("Text follows the closing quote at line 2, column 7;");
            assertThat(row.raw()).isEqualTo("1,\"ab\"cd");
        });
    }

    @Test
    void the_raw_row_is_the_record_exactly_as_written_without_its_line_break() throws Exception {
        List<SourceRow> rows = readAll("a,b\r\n \"x,1\" ,y\r\n\"q\"\"uote\",\"line\r\nbreak\"\n");

        assertThat(rows).extracting(SourceRow::raw)
                .containsExactly(" \"x,1\" ,y", "\"q\"\"uote\",\"line\r\nbreak\"");
    }

    @Test
    void an_unterminated_quote_says_where_the_file_ends() {
        assertThatThrownBy(() -> readAll("a\r\n\"x\r\ny\r\nz\r\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("CSV_UNTERMINATED_QUOTE at line 2, column 1: the quoted field that opens here is not closed"
                        + " before the end of the file (line 4), so every line after it belongs to that field");
    }

    @Test
    void header_faults_close_the_file_they_were_read_from() {
        boolean[] closed = {false};
        StringReader source = new StringReader("a,a\r\n") {
            @Override
            public void close() {
                closed[0] = true;
                super.close();
            }
        };
        assertThatThrownBy(() -> new CsvRowReader(source, ',')).isInstanceOf(CsvFormatException.class);
        assertThat(closed[0]).isTrue();
    }

    private static List<SourceRow> readAll(String csv) throws Exception {
        List<SourceRow> rows = new ArrayList<>();
        try (CsvRowReader reader = new CsvRowReader(new StringReader(csv), ',')) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }
}
