import Testing
@testable import LambdaCostKit

@Suite struct UsageHourTests {
    @Test(arguments: [
        "2022-10-01T03:00:00Z", "2022-10-01 03:00:00.000000000", "2022-10-01T03:00:00", "2022-10-01 03:00:00Z",
        "2022-10-01T03:00:00.0Z",
    ])
    func readsISOAndAthenaTimestamps(text: String) {
        #expect(UsageHour(parsing: text) == UsageHour(year: 2022, month: 10, day: 1, hour: 3))
    }

    @Test(arguments: ["2022-13-01T00:00:00Z", "2022-02-30T00:00:00Z", "2022-10-01", "yesterday", "2022-10-01T24:00:00Z",
                      "2022-10-01T03:00:00.0000000001Z", "2022-10-01T03:00:00+02:00"])
    func rejectsMalformedTimestamps(text: String) {
        #expect(UsageHour(parsing: text, truncating: true) == nil)
    }

    @Test func printsISO() {
        #expect(UsageHour(year: 2026, month: 10, day: 31, hour: 23).description == "2026-10-31T23:00:00Z")
        #expect(UsageHour(year: 1969, month: 12, day: 31, hour: 23).description == "1969-12-31T23:00:00Z")
    }

    @Test func monthsKnowTheirHours() {
        let october = BillingMonth("2026-10")!
        #expect(october.hourCount == 744)
        #expect(BillingMonth("2024-02")!.hourCount == 696)
        #expect(october.contains(UsageHour(year: 2026, month: 10, day: 31, hour: 23)))
        #expect(!october.contains(UsageHour(year: 2026, month: 11, day: 1, hour: 0)))
        #expect(october.next == BillingMonth("2026-11"))
        #expect(BillingMonth("2026-01")!.previous == BillingMonth("2025-12"))
        #expect(BillingMonth("2026-1") == nil)
        #expect(BillingMonth("2026-00") == nil)
    }
}
