/// Encodes rows of the sample CUR into the output buffer: header, then one line per row.
final class SampleCUREncoder {
    let context: SampleCURContext
    let columns: [SampleCURField]
    private let dynamicFields: [SampleCURField]
    /// All templates' runs back to back, and each template's run offsets into it (`dynamicFields.count + 2`
    /// entries per template).
    private var templateBytes: [UInt8] = []
    private var templateOffsets: [Int] = []
    private let buffer: SampleOutputBuffer
    private var identifiers: SampleRandom

    private var hourInterval: [UInt8] = []
    private var hourStart: [UInt8] = []
    private var hourEnd: [UInt8] = []
    private let monthInterval: [UInt8]
    private let monthStart: [UInt8]
    private let monthEnd: [UInt8]
    private let emptyNumber: [UInt8]
    private let emptyRate: [UInt8]
    private let quote: Bool

    init(context: SampleCURContext, seed: UInt64, buffer: SampleOutputBuffer) {
        self.context = context
        self.buffer = buffer
        columns = SampleCURField.columns(context.spelling)
        dynamicFields = columns.filter(\.isDynamic)
        identifiers = SampleRandom(seed: seed, 0x1D_5EED)
        quote = context.spelling == .athena
        emptyNumber = context.spelling == .athena ? Array("0".utf8) : []
        emptyRate = context.spelling == .athena ? Array("\"\"".utf8) : []
        let month = context.month
        monthInterval = Self.interval(month.firstHour, month.next.firstHour, quoted: quote)
        monthStart = Array(SampleCURContext.timestamp(month.firstHour, context.spelling).utf8)
        monthEnd = Array(SampleCURContext.timestamp(month.next.firstHour, context.spelling).utf8)
    }

    private static func interval(_ start: UsageHour, _ end: UsageHour, quoted: Bool) -> [UInt8] {
        let text = "\(start)/\(end)"
        return Array((quoted ? "\"\(text)\"" : text).utf8)
    }

    /// Registers a template and returns its index.
    func addTemplate(_ values: SampleCURStaticValues) -> Int {
        let template = SampleCURTemplate(values, columns: columns, context: context)
        let index = templateOffsets.count / (dynamicFields.count + 2)
        templateOffsets += template.runOffsets.map { $0 + templateBytes.count }
        templateBytes += template.bytes
        return index
    }

    func writeHeader() throws {
        let names = columns.map { $0.name(context.spelling) }
        let header = context.spelling == .athena
            ? names.map { "\"\($0)\"" }.joined(separator: ",") : names.joined(separator: ",")
        buffer.append(header + "\n")
        try buffer.reserveRow()
    }

    /// Sets the hour of the following hourly rows.
    func setHour(_ hour: UsageHour) { setSpan(hour, hours: 1) }

    /// Sets the usage span of the following rows that do not span the month: `hours` hours from `start`
    /// (24 from 00:00 UTC for a daily CUR).
    func setSpan(_ start: UsageHour, hours: Int32) {
        let end = UsageHour(hoursSinceEpoch: start.hoursSinceEpoch + hours)
        hourInterval = Self.interval(start, end, quoted: quote)
        hourStart = Array(SampleCURContext.timestamp(start, context.spelling).utf8)
        hourEnd = Array(SampleCURContext.timestamp(end, context.spelling).utf8)
    }

    func write(_ row: SampleCURRow) throws {
        try buffer.reserveRow()
        let dynamicCount = dynamicFields.count
        let first = row.template * (dynamicCount + 2)
        templateBytes.withUnsafeBufferPointer { bytes in
            templateOffsets.withUnsafeBufferPointer { offsets in
                dynamicFields.withUnsafeBufferPointer { fields in
                    var index = 0
                    while index < dynamicCount {
                        let start = offsets[first + index], end = offsets[first + index + 1]
                        buffer.append(UnsafeBufferPointer(start: bytes.baseAddress! + start, count: end - start))
                        writeDynamic(fields[index], row)
                        index += 1
                    }
                    let start = offsets[first + dynamicCount], end = offsets[first + dynamicCount + 1]
                    buffer.append(UnsafeBufferPointer(start: bytes.baseAddress! + start, count: end - start))
                }
            }
        }
    }

    @inline(__always)
    private func writeDynamic(_ field: SampleCURField, _ row: SampleCURRow) {
        switch field {
        case .lineItemId:
            if quote { buffer.append(UInt8(ascii: "\"")) }
            identifiers.writeLineItemID(to: buffer.cursor)
            buffer.advance(by: 52)
            if quote { buffer.append(UInt8(ascii: "\"")) }
        case .timeInterval: buffer.append(row.spansMonth ? monthInterval : hourInterval)
        case .usageStartDate: buffer.append(row.spansMonth ? monthStart : hourStart)
        case .usageEndDate: buffer.append(row.spansMonth ? monthEnd : hourEnd)
        case .usageAmount: number(row.amount)
        case .unblendedRate, .blendedRate: rate(row.rate)
        case .unblendedCost, .blendedCost: number(row.cost)
        case .publicOnDemandRate: rate(row.publicRate)
        case .publicOnDemandCost: number(row.publicCost)
        case .savingsPlanRate:
            if let value = row.savingsPlanRate { buffer.appendDecimal(value, minimumPlaces: 10) } else { number(nil) }
        case .savingsPlanEffectiveCost: number(row.savingsPlanEffectiveCost)
        case .totalCommitmentToDate: number(row.totalCommitment)
        case .usedCommitment: number(row.usedCommitment)
        case .recurringCommitmentForBillingPeriod: number(row.recurringCommitment)
        default: preconditionFailure("\(field) is not dynamic")
        }
    }

    @inline(__always)
    private func number(_ value: FixedDecimal?) {
        if let value { buffer.appendDecimal(value) } else { buffer.append(emptyNumber) }
    }

    @inline(__always)
    private func rate(_ value: FixedDecimal?) {
        guard let value else { return buffer.append(emptyRate) }
        if quote { buffer.append(UInt8(ascii: "\"")) }
        buffer.appendDecimal(value, minimumPlaces: 10)
        if quote { buffer.append(UInt8(ascii: "\"")) }
    }
}
