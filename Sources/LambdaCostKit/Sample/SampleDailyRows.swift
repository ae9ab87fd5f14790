/// One day's line items of a daily CUR, summed from the hourly rows the producer makes: one row per template
/// (a template is one function, usage type, line item type and rate, or one other-service slot), with usage,
/// costs and commitments summed exactly and the rates kept.
struct SampleDailyRows {
    /// What a summed row is, for the statistics.
    enum Kind: UInt8 {
        case usage, freeTier, savingsPlanCovered
    }

    struct Entry {
        var row: SampleCURRow
        var product: Int
        var kind: Kind
    }

    /// Index into ``entries`` of each template's row of the day, −1 when none.
    private var slotOfTemplate: [Int32] = []
    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    /// Adds an hourly row to the day's row of its template.
    mutating func add(_ row: SampleCURRow, product: Int, kind: Kind) {
        if row.template >= slotOfTemplate.count {
            slotOfTemplate += Array(repeating: -1, count: row.template + 1 - slotOfTemplate.count)
        }
        let slot = Int(slotOfTemplate[row.template])
        guard slot >= 0 else {
            slotOfTemplate[row.template] = Int32(entries.count)
            entries.append(Entry(row: row, product: product, kind: kind))
            return
        }
        entries[slot].row.add(row)
    }

    /// The day's rows in template order (each function's line items together), and empties the day.
    mutating func drain(_ body: (Entry) throws -> Void) rethrows {
        var order = entries.indices.map { (template: entries[$0].row.template, index: $0) }
        order.sort { $0.template < $1.template }
        for (template, index) in order {
            try body(entries[index])
            slotOfTemplate[template] = -1
        }
        entries.removeAll(keepingCapacity: true)
    }
}
