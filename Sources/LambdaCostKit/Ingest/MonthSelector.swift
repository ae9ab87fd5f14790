/// Chooses the month to report from what the input holds of each billing month (``MonthCoverage``), so that one
/// stray row of a later period, or a month that has only just begun, never takes the report away from a
/// complete month.
///
/// A month is **complete** when its usage reaches its last day (UTC), and **substantial** when it holds at least
/// ``minimumPercentOfLargest`` % of the money of the largest month (unblended, in absolute value) with usage on at
/// least ``minimumDays`` days. The default is the latest month that is both; when none is, the latest substantial
/// month (incomplete, with a note); when no month is substantial, the latest complete month among those with at
/// least 1 % of the money, else the latest of them. A note names the later months passed over and why.
///
/// Under `--strict` a choice is **ambiguous**, and an error, when it passed over a later month holding real money
/// (at least 1 % of the largest month's) that is complete or has usage on ``minimumDays`` days or more: a later
/// month only a few days old (the report run on the 3rd) or a sliver of money is not.
///
/// A month given with `--month` is kept, but one the input holds no row of is an error unless `allowEmpty`.
struct MonthSelector {
    /// A month with less money than this share of the largest month's (in percent) is a sliver.
    static let minimumPercentOfLargest = 1
    /// A month with usage on fewer days than this is not substantial (a stray row, a month only just begun).
    static let minimumDays = 7

    /// `--strict`: an ambiguous choice is an error.
    var strict = false
    /// `--allow-empty`: a given month the input holds no row of gives an empty report instead of an error.
    var allowEmpty = false

    /// The month chosen, how, and the note that says why (`nil` when it was given, or is the latest month and complete).
    struct Choice: Equatable {
        var month: BillingMonth
        var how: IngestResult.MonthSelection
        var note: Diagnostic?
    }

    /// Why no month could be chosen.
    struct Failure: Error, CustomStringConvertible, Equatable {
        var message: String
        var description: String { message }
    }

    /// The month to report; `nil` when the input holds no month and none was given. `coverage` has an entry for
    /// every month the input holds a row of (rejected rows included).
    func select(given: BillingMonth?, coverage: [BillingMonth: MonthCoverage]) throws(Failure) -> Choice? {
        let present = coverage.keys.sorted()
        let months = present.isEmpty ? "none" : present.map(\.description).joined(separator: ", ")
        if let given {
            guard coverage[given] != nil || allowEmpty else {
                throw Failure(message:
                    "--month \(given): the input holds no rows of \(given) (months in the input: \(months)); pass --allow-empty to write its empty report anyway")
            }
            return Choice(month: given, how: .explicit, note: nil)
        }
        guard let latest = present.last else { return nil }
        let largest = present.max { coverage[$0]!.money < coverage[$1]!.money }!
        let threshold = coverage[largest]!.money.divided(by: 100) * Self.minimumPercentOfLargest
        func hasMoney(_ month: BillingMonth) -> Bool { !(coverage[month]!.money < threshold) }
        func isComplete(_ month: BillingMonth) -> Bool { coverage[month]!.isComplete }
        func hasDays(_ month: BillingMonth) -> Bool { coverage[month]!.days >= Self.minimumDays }
        func isSubstantial(_ month: BillingMonth) -> Bool { hasMoney(month) && hasDays(month) }

        let chosen: BillingMonth
        if let month = present.last(where: { isComplete($0) && isSubstantial($0) }) ?? present.last(where: isSubstantial) {
            chosen = month
        } else {
            let withMoney = present.filter(hasMoney)  // never empty: the largest month is in it
            chosen = withMoney.last(where: isComplete) ?? withMoney.last ?? latest
        }
        let how: IngestResult.MonthSelection = isComplete(chosen) ? .latestComplete : .latestPresent
        let passedOver = present.filter { $0 > chosen }

        func reached(_ month: BillingMonth) -> String {
            guard let hour = coverage[month]!.lastUsageHour else { return "no usable usage rows" }
            return "usage up to \(hour.description.prefix(10))"
        }
        func dayCount(_ month: BillingMonth) -> String {
            let days = coverage[month]!.days
            return "\(days) day\(days == 1 ? "" : "s")"
        }
        func whyPassedOver(_ month: BillingMonth) -> String {
            if !isComplete(month) { return "\(month) is not complete yet (\(reached(month)))" }
            var reasons: [String] = []
            if !hasMoney(month) {
                reasons.append("holds only \(Format.usd(coverage[month]!.money)) (under \(Self.minimumPercentOfLargest) % of the \(Format.usd(coverage[largest]!.money)) of charges and credits of \(largest))")
            }
            if !hasDays(month) { reasons.append("has usage on \(dayCount(month)) only") }
            return "\(month) " + reasons.joined(separator: " and ")
        }

        let ambiguous = passedOver.filter { hasMoney($0) && (isComplete($0) || hasDays($0)) }
        if strict && !ambiguous.isEmpty {
            let held = ambiguous.map { month in
                "\(month) holds \(Format.usd(coverage[month]!.money)) on \(dayCount(month)) and is "
                    + (isComplete(month) ? "complete" : "not complete yet (\(reached(month)))")
            }
            throw Failure(message:
                "the month to report is ambiguous (--strict): \(chosen) is the latest \(how == .latestComplete ? "complete" : "substantial") month, but \(held.joined(separator: "; ")); pass --month with one of \(months)")
        }

        if passedOver.isEmpty && how == .latestComplete { return Choice(month: chosen, how: how, note: nil) }
        var note: String
        if how == .latestComplete {
            note = "reporting \(chosen), the latest complete month (its data reaches its last day)"
        } else if passedOver.isEmpty && !present.contains(where: isComplete) {
            note = "reporting \(chosen), the latest month in the input: no month's data reaches its last day (\(chosen) has \(reached(chosen))), so it may be incomplete"
        } else {
            note = "reporting \(chosen), the latest month with substantial data: its data does not reach its last day (\(chosen) has \(reached(chosen))), so it may be incomplete"
        }
        if !passedOver.isEmpty {
            note += "; later months passed over: " + passedOver.map(whyPassedOver).joined(separator: "; ")
        }
        return Choice(month: chosen, how: how, note: Diagnostic(.note, at: nil, note + "; use --month to choose another"))
    }
}
