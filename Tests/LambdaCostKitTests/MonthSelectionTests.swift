import Testing
@testable import LambdaCostKit

/// The default month: the latest month whose data reaches its last day (UTC), else the latest month present.
@Suite struct MonthSelectionTests {
    static let october = BillingMonth("2026-10")!
    static let november = BillingMonth("2026-11")!
    static let february = BillingMonth("2028-02")!

    static func hour(_ year: Int, _ month: Int, _ day: Int, _ hour: Int) -> UsageHour {
        UsageHour(year: year, month: month, day: day, hour: hour)
    }

    @Test func theLatestCompleteMonthWinsOverALaterPartialOne() throws {
        let selection = try #require(IngestStage.selectMonth(
            given: nil, present: [Self.october, Self.november],
            latestUsage: [Self.october: Self.hour(2026, 10, 31, 0), Self.november: Self.hour(2026, 11, 15, 23)]))
        #expect(selection.month == Self.october)
        #expect(selection.how == .latestComplete)
        #expect(selection.note?.description
            == "lambda-cost-report: note: reporting 2026-10, the latest complete month (its data reaches its last day); later months are not complete yet (2026-11 has usage up to 2026-11-15); use --month to choose another")
    }

    @Test func theLatestMonthCompleteNeedsNoNote() throws {
        // 23:00 on the last day of a leap February is inside its last day; the hour before that day is not.
        let selection = try #require(IngestStage.selectMonth(
            given: nil, present: [Self.february], latestUsage: [Self.february: Self.hour(2028, 2, 29, 23)]))
        #expect(selection.month == Self.february && selection.how == .latestComplete && selection.note == nil)
        let partial = try #require(IngestStage.selectMonth(
            given: nil, present: [Self.february], latestUsage: [Self.february: Self.hour(2028, 2, 28, 23)]))
        #expect(partial.how == .latestPresent)
    }

    @Test func withoutACompleteMonthTheLatestIsChosenWithANote() throws {
        let selection = try #require(IngestStage.selectMonth(
            given: nil, present: [Self.october, Self.november],
            latestUsage: [Self.october: Self.hour(2026, 10, 30, 23), Self.november: Self.hour(2026, 11, 2, 7)]))
        #expect(selection.month == Self.november)
        #expect(selection.how == .latestPresent)
        #expect(selection.note?.severity == .note)
        #expect(selection.note?.message
            == "reporting 2026-11, the latest month in the input: no month's data reaches its last day (2026-11 has usage up to 2026-11-02), so it may be incomplete; use --month to choose another")
    }

    @Test func aGivenMonthIsKeptAsIs() throws {
        let selection = try #require(IngestStage.selectMonth(
            given: Self.november, present: [Self.october, Self.november],
            latestUsage: [Self.october: Self.hour(2026, 10, 31, 0), Self.november: Self.hour(2026, 11, 2, 0)]))
        #expect(selection.month == Self.november && selection.how == .explicit && selection.note == nil)
        #expect(IngestStage.selectMonth(given: nil, present: [], latestUsage: [:]) == nil)
    }
}
