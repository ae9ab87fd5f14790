/// File-wide values of the sample CUR: spelling, billing period and the invoice.
struct SampleCURContext: Sendable {
    let spelling: CURSpelling
    let month: BillingMonth
    let invoiceId: String
    /// `bill/BillingPeriodStartDate` / `…EndDate` as written in this spelling.
    let periodStartText: String
    let periodEndText: String

    init(spelling: CURSpelling, month: BillingMonth, seed: UInt64) {
        self.spelling = spelling
        self.month = month
        var random = SampleRandom(seed: seed, 0x1_4401CE, UInt64(month.year * 12 + month.month))
        invoiceId = String(2_000_000_000 + random.next(below: 7_000_000_000))
        periodStartText = Self.timestamp(month.firstHour, spelling)
        periodEndText = Self.timestamp(month.next.firstHour, spelling)
    }

    /// A timestamp as this spelling writes it: `2026-10-01T03:00:00Z` or `2026-10-01 03:00:00.000000000`.
    static func timestamp(_ hour: UsageHour, _ spelling: CURSpelling) -> String {
        let iso = hour.description
        guard spelling == .athena else { return iso }
        let characters = Array(iso)  // yyyy-mm-ddThh:mm:ssZ
        return String(characters[0..<10]) + " " + String(characters[11..<19]) + ".000000000"
    }
}
