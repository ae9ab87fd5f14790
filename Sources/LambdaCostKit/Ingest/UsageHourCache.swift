/// The last timestamp field parsed (as ``UsageHour/parse(_:truncating:)`` with `truncating`) and its hour: rows come
/// in runs of one usage start and one billing period, so most rows compare the field's bytes instead of parsing them.
/// A failure is not kept (the next row parses again and gets it again).
struct UsageHourCache {
    /// The bytes of the last field parsed (at most 32), and their count; -1: none yet.
    private var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var count = -1
    private var hour = UsageHour(hoursSinceEpoch: 0)

    /// What ``UsageHour/parse(_:truncating:)`` gives for `field`, truncating.
    mutating func parse(_ field: UnsafeBufferPointer<UInt8>) -> Result<UsageHour, UsageHour.ParseFailure> {
        if field.count == count, count == 0 || withUnsafeBytes(of: bytes, { ByteComparison.equal($0.baseAddress!, field.baseAddress!, count: count) }) {
            return .success(hour)
        }
        let result = UsageHour.parse(field, truncating: true)
        if case .success(let parsed) = result, field.count <= MemoryLayout.size(ofValue: bytes) {
            count = field.count
            hour = parsed
            if let base = field.baseAddress {
                withUnsafeMutableBytes(of: &bytes) { $0.baseAddress!.copyMemory(from: base, byteCount: field.count) }
            }
        }
        return result
    }
}
