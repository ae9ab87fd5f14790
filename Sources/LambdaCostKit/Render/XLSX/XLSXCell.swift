/// One cell of an ``XLSXSheet`` row.
///
/// How each case is written (the style indexes are those of ``XLSXStyles``):
/// - ``text(_:)``: an inline string (`t="inlineStr"`) with the text number format `@`. It is never a formula,
///   whatever it starts with: `=HYPERLINK(…)` stays the text `=HYPERLINK(…)`. Characters that XML 1.0 does not
///   allow (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) are replaced by U+FFFD.
/// - ``number(_:)``: a numeric cell holding the exact decimal string of the value, shown with 6 decimals and
///   thousands separators (`#,##0.000000`).
/// - ``currency(_:)``: a numeric cell holding the exact decimal string of the amount (not rounded to the cent),
///   shown as US dollars with cents and thousands separators, negatives with a leading minus like the HTML
///   report: `"$"#,##0.00;-"$"#,##0.00` shows `$1,234.57` and `-$0.30`.
/// - ``integer(_:)``: a numeric cell shown with thousands separators (`#,##0`).
/// - ``count(_:)``: a count held as a decimal (requests), stored exact and shown like ``integer(_:)``.
/// - ``hourly(_:)``: an hourly amount such as a Savings Plans commitment, which AWS sells in $0.001 steps:
///   stored exact, shown with three decimals (`"$"#,##0.000;-"$"#,##0.000` shows `$0.460`).
/// - ``rate(_:)``: a unit price or a rate derived from the bill, stored exact and shown with every decimal it
///   has, at least 2 and at most 10 (`"$"#,##0.00########` shows `$0.0000166667` and `$0.20`).
/// - ``percent(_:)``: a numeric cell holding a fraction (0.125), shown as a percentage with one decimal (`0.0%`).
/// - ``currencyFormula(_:cached:)``: a formula (`SUM(H2:H9)`, without the leading `=`) with its value as
///   computed when the file was written, shown like ``currency(_:)``. Applications that do not calculate show
///   the cached value; the workbook asks those that do to recalculate on load (`fullCalcOnLoad`), so a
///   formula that disagrees with its cached value shows.
/// - ``empty``: no cell at all (the column's format still applies when someone types into it).
///
/// Spreadsheet applications read numeric cells as binary doubles (about 15 significant digits): the file holds
/// the exact value, the application displays it rounded. Keep identifiers such as AWS account IDs as
/// ``text(_:)`` so their leading zeros survive.
public enum XLSXCell: Hashable, Sendable {
    case text(String)
    case number(FixedDecimal)
    case currency(FixedDecimal)
    case integer(Int)
    case count(FixedDecimal)
    case hourly(FixedDecimal)
    case rate(FixedDecimal)
    case percent(FixedDecimal)
    /// Held behind a reference (`indirect`): formulas are few, and inline they would make every cell of a
    /// fleet's sheets half as large again (48 bytes instead of 32).
    indirect case currencyFormula(String, cached: FixedDecimal)
    case empty

    /// Whether the cell is a formula.
    public var isFormula: Bool {
        if case .currencyFormula = self { return true }
        return false
    }
}
