import Testing
@testable import LambdaCostKit

/// The default month (``MonthSelector``): the latest complete month weighed by money and days, so that a stray row
/// or a month only just begun never takes the report; and what a month's coverage counts (``MonthCoverage``).
@Suite struct MonthSelectionTests {
    static let october = BillingMonth("2026-10")!
    static let november = BillingMonth("2026-11")!
    static let january = BillingMonth("2027-01")!
    static let february = BillingMonth("2028-02")!

    static func hour(_ year: Int, _ month: Int, _ day: Int, _ hour: Int) -> UsageHour {
        UsageHour(year: year, month: month, day: day, hour: hour)
    }

    /// A month with one row a day on `days` (hourly rows at 10:00, the last one at `lastHour`), the money shared out.
    static func month(_ month: BillingMonth, days: ClosedRange<Int>, lastHour: Int = 10, money: String) -> MonthCoverage {
        var coverage = MonthCoverage(month: month)
        let total = FixedDecimal(parsing: money)!
        for day in days {
            let hour = day == days.upperBound ? lastHour : 10
            let start = UsageHour(year: month.year, month: month.month, day: day, hour: hour)
            let cost = day == days.upperBound ? total - total.divided(by: days.count) * (days.count - 1) : total.divided(by: days.count)
            coverage.add(start: start, last: start, cost: cost, rows: 1)
        }
        return coverage
    }

    static func select(_ coverage: [MonthCoverage], given: BillingMonth? = nil, strict: Bool = false,
                       allowEmpty: Bool = false) throws -> MonthSelector.Choice? {
        try MonthSelector(strict: strict, allowEmpty: allowEmpty)
            .select(given: given, coverage: Dictionary(uniqueKeysWithValues: coverage.map { ($0.month, $0) }))
    }

    // MARK: Complete months and later ones

    @Test func theLatestCompleteMonthWinsOverALaterMonthJustBegun() throws {
        // Run on the 3rd: November has two days, not complete; under --strict that is no ambiguity.
        let months = [Self.month(Self.october, days: 1...31, money: "750"), Self.month(Self.november, days: 1...2, money: "48")]
        for strict in [false, true] {
            let selection = try #require(try Self.select(months, strict: strict))
            #expect(selection.month == Self.october)
            #expect(selection.how == .latestComplete)
            #expect(selection.note?.description
                == "lambda-cost-report: note: reporting 2026-10, the latest complete month (its data reaches its last day); later months passed over: 2026-11 is not complete yet (usage up to 2026-11-02); use --month to choose another")
        }
    }

    @Test func aSubstantialLaterMonthIsPassedOverButIsAmbiguousUnderStrict() throws {
        let months = [Self.month(Self.october, days: 1...31, money: "750"), Self.month(Self.november, days: 1...15, money: "400")]
        let selection = try #require(try Self.select(months))
        #expect(selection.month == Self.october && selection.how == .latestComplete)
        #expect(selection.note?.message
            == "reporting 2026-10, the latest complete month (its data reaches its last day); later months passed over: 2026-11 is not complete yet (usage up to 2026-11-15); use --month to choose another")
        let failure = try #require(throws: MonthSelector.Failure.self) { try Self.select(months, strict: true) }
        #expect(failure.message
            == "the month to report is ambiguous (--strict): 2026-10 is the latest complete month, but 2026-11 holds $400.00 on 15 days and is not complete yet (usage up to 2026-11-15); pass --month with one of 2026-10, 2026-11")
    }

    @Test func oneStrayRowOfALaterPeriodCannotHijackTheMonth() throws {
        // The user's case: one S3 row of billing period 2027-01 (usage start 2027-01-31) in an October file.
        let stray = Self.month(Self.january, days: 31...31, money: "0.02")
        #expect(stray.isComplete && stray.days == 1)
        let months = [Self.month(Self.october, days: 1...31, lastHour: 23, money: "750"), stray]
        for strict in [false, true] {
            let selection = try #require(try Self.select(months, strict: strict))
            #expect(selection.month == Self.october && selection.how == .latestComplete)
            #expect(selection.note?.message
                == "reporting 2026-10, the latest complete month (its data reaches its last day); later months passed over: 2027-01 holds only $0.02 (under 1 % of the $750.00 of charges and credits of 2026-10) and has usage on 1 day only; use --month to choose another")
        }
    }

    @Test func aLaterCompleteMonthWithASliverOfMoneyIsPassedOver() throws {
        // 30 days of usage but 0.5 % of October's money: a sliver, passed over also under --strict.
        let months = [Self.month(Self.october, days: 1...31, money: "1000"), Self.month(Self.november, days: 1...30, money: "5")]
        let selection = try #require(try Self.select(months, strict: true))
        #expect(selection.month == Self.october)
        #expect(selection.note?.message
            == "reporting 2026-10, the latest complete month (its data reaches its last day); later months passed over: 2026-11 holds only $5.00 (under 1 % of the $1,000.00 of charges and credits of 2026-10); use --month to choose another")
        // At exactly 1 % it is substantial and, complete, the latest complete month.
        let exact = try #require(try Self.select([Self.month(Self.october, days: 1...31, money: "1000"), Self.month(Self.november, days: 1...30, money: "10")]))
        #expect(exact.month == Self.november && exact.note == nil)
    }

    @Test func aLaterCompleteMonthOfFewDaysHoldingRealMoneyIsAmbiguousUnderStrict() throws {
        // A large charge dated on the last day of a later period: real money, but usage on one day only.
        let months = [Self.month(Self.october, days: 1...31, money: "750"), Self.month(Self.january, days: 31...31, money: "500")]
        let selection = try #require(try Self.select(months))
        #expect(selection.month == Self.october)
        #expect(selection.note?.message
            == "reporting 2026-10, the latest complete month (its data reaches its last day); later months passed over: 2027-01 has usage on 1 day only; use --month to choose another")
        let failure = try #require(throws: MonthSelector.Failure.self) { try Self.select(months, strict: true) }
        #expect(failure.message
            == "the month to report is ambiguous (--strict): 2026-10 is the latest complete month, but 2027-01 holds $500.00 on 1 day and is complete; pass --month with one of 2026-10, 2027-01")
    }

    @Test func theLatestMonthCompleteNeedsNoNote() throws {
        // 23:00 on the last day of a leap February is inside its last day; the hour before that day is not.
        let selection = try #require(try Self.select([Self.month(Self.february, days: 1...29, lastHour: 23, money: "10")]))
        #expect(selection.month == Self.february && selection.how == .latestComplete && selection.note == nil)
        let partial = try #require(try Self.select([Self.month(Self.february, days: 1...28, lastHour: 23, money: "10")]))
        #expect(partial.how == .latestPresent)
    }

    // MARK: No complete month

    @Test func withoutACompleteMonthTheLatestSubstantialIsChosenWithANote() throws {
        let months = [Self.month(Self.october, days: 1...30, lastHour: 23, money: "100"), Self.month(Self.november, days: 1...10, lastHour: 7, money: "30")]
        let selection = try #require(try Self.select(months, strict: true))
        #expect(selection.month == Self.november)
        #expect(selection.how == .latestPresent)
        #expect(selection.note?.severity == .note)
        #expect(selection.note?.message
            == "reporting 2026-11, the latest month in the input: no month's data reaches its last day (2026-11 has usage up to 2026-11-10), so it may be incomplete; use --month to choose another")
        // A November of two days is not substantial: October, one day short of complete, is the better month.
        let begun = [months[0], Self.month(Self.november, days: 1...2, lastHour: 7, money: "9")]
        let earlier = try #require(try Self.select(begun, strict: true))
        #expect(earlier.month == Self.october && earlier.how == .latestPresent)
        #expect(earlier.note?.message
            == "reporting 2026-10, the latest month with substantial data: its data does not reach its last day (2026-10 has usage up to 2026-10-30), so it may be incomplete; later months passed over: 2026-11 is not complete yet (usage up to 2026-11-02); use --month to choose another")
        // A single partial month (the end-to-end fixture) is reported with a note, never refused.
        let alone = try #require(try Self.select([Self.month(Self.october, days: 1...2, money: "8")], strict: true))
        #expect(alone.month == Self.october && alone.how == .latestPresent)
        #expect(alone.note?.message
            == "reporting 2026-10, the latest month in the input: no month's data reaches its last day (2026-10 has usage up to 2026-10-02), so it may be incomplete; use --month to choose another")
    }

    @Test func anIncompleteSubstantialMonthWinsOverALaterSliver() throws {
        let months = [Self.month(Self.october, days: 1...20, money: "100"), Self.month(Self.january, days: 31...31, money: "0.5")]
        let selection = try #require(try Self.select(months))
        #expect(selection.month == Self.october && selection.how == .latestPresent)
        #expect(selection.note?.message
            == "reporting 2026-10, the latest month with substantial data: its data does not reach its last day (2026-10 has usage up to 2026-10-20), so it may be incomplete; later months passed over: 2027-01 holds only $0.50 (under 1 % of the $100.00 of charges and credits of 2026-10) and has usage on 1 day only; use --month to choose another")
    }

    // MARK: --month

    @Test func aGivenMonthIsKeptAndMustBeInTheInput() throws {
        let months = [Self.month(Self.october, days: 1...31, money: "750"), Self.month(Self.november, days: 1...2, money: "9")]
        let selection = try #require(try Self.select(months, given: Self.november))
        #expect(selection.month == Self.november && selection.how == .explicit && selection.note == nil)
        let missing = BillingMonth("2025-01")!
        let failure = try #require(throws: MonthSelector.Failure.self) { try Self.select(months, given: missing) }
        #expect(failure.message
            == "--month 2025-01: the input holds no rows of 2025-01 (months in the input: 2026-10, 2026-11); pass --allow-empty to write its empty report anyway")
        let allowed = try #require(try Self.select(months, given: missing, allowEmpty: true))
        #expect(allowed.month == missing && allowed.how == .explicit)
        // A month holding only rejected rows is in the input (an empty coverage).
        #expect(try Self.select([MonthCoverage(month: missing)], given: missing)?.month == missing)
        #expect(try Self.select([]) == nil)
    }

    // MARK: Coverage

    @Test func coverageCountsDaysTouchedAndTheLastHourWithUsage() {
        var monthly = MonthCoverage(month: Self.october)
        // Monthly granularity: one row from the 1st 00:00 to the next month's 1st 00:00 (exclusive).
        monthly.add(start: Self.hour(2026, 10, 1, 0), last: Self.hour(2026, 10, 31, 23), cost: FixedDecimal(-3), rows: 2)
        #expect(monthly.days == 31 && monthly.isComplete && monthly.lastUsageHour == Self.hour(2026, 10, 31, 23))
        #expect(monthly.money == FixedDecimal(3) && monthly.rows == 2)

        var daily = MonthCoverage(month: Self.october)
        daily.add(start: Self.hour(2026, 10, 29, 0), last: Self.hour(2026, 10, 29, 23), cost: FixedDecimal(1), rows: 1)
        daily.add(start: Self.hour(2026, 10, 30, 0), last: Self.hour(2026, 10, 30, 23), cost: FixedDecimal(1), rows: 1)
        #expect(daily.days == 2 && !daily.isComplete)
        daily.add(start: Self.hour(2026, 10, 31, 0), last: Self.hour(2026, 10, 31, 23), cost: FixedDecimal(1), rows: 1)
        #expect(daily.days == 3 && daily.isComplete)

        // Usage beyond the month is cut at its end; usage wholly outside it adds money and rows, no coverage.
        var spill = MonthCoverage(month: Self.october)
        spill.add(start: Self.hour(2026, 9, 30, 22), last: Self.hour(2026, 10, 1, 1), cost: FixedDecimal(1), rows: 1)
        #expect(spill.days == 1 && spill.lastUsageHour == Self.hour(2026, 10, 1, 1))
        spill.add(start: Self.hour(2026, 11, 3, 0), last: Self.hour(2026, 11, 3, 0), cost: FixedDecimal(2), rows: 1)
        #expect(spill.days == 1 && spill.lastUsageHour == Self.hour(2026, 10, 1, 1) && spill.money == FixedDecimal(3) && spill.rows == 2)
        spill.add(start: Self.hour(2026, 10, 20, 0), last: Self.hour(2026, 12, 1, 0), cost: .zero, rows: 1)
        #expect(spill.days == 13 && spill.lastUsageHour == Self.hour(2026, 10, 31, 23) && spill.isComplete)

        #expect(!MonthCoverage(month: Self.october).isComplete && MonthCoverage(month: Self.october).days == 0)
    }

    @Test func theLastHourOfAUsageEnd() {
        func last(_ text: String) -> UsageHour? {
            var text = text
            return text.withUTF8 { MonthCoverage.lastHour(ofUsageEnd: $0) }
        }
        #expect(last("2026-11-01T00:00:00Z") == Self.hour(2026, 10, 31, 23))
        #expect(last("2026-10-31T23:59:59Z") == Self.hour(2026, 10, 31, 23))
        #expect(last("2022-10-01 03:00:00.000000000") == Self.hour(2022, 10, 1, 2))
        #expect(last("2022-10-01 03:00:00.500000000") == Self.hour(2022, 10, 1, 3))
        #expect(last("soon") == nil)
        #expect(last("") == nil)
    }
}
