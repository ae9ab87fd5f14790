/// An INT96 value as stored (the legacy Impala/Hive timestamp): 8 bytes of nanoseconds within the day, then
/// 4 bytes of Julian day number, both little-endian.
public struct ParquetInt96: Sendable, Hashable {
    public var nanosecondsOfDay: UInt64
    public var julianDay: UInt32

    public init(nanosecondsOfDay: UInt64, julianDay: UInt32) {
        self.nanosecondsOfDay = nanosecondsOfDay
        self.julianDay = julianDay
    }

    /// The Julian day number of 1970-01-01.
    static let unixEpochJulianDay: Int64 = 2_440_588

    /// The instant it stands for (UTC), or `nil` when the nanoseconds exceed a day or the instant is out of range.
    public var timestamp: ParquetTimestamp? {
        guard nanosecondsOfDay < 86_400 * 1_000_000_000 else { return nil }
        let days = Int64(julianDay) - Self.unixEpochJulianDay
        let nanoseconds = Int64(nanosecondsOfDay)
        return ParquetTimestamp(secondsSinceEpoch: days * 86_400 + nanoseconds / 1_000_000_000,
            nanoseconds: Int32(nanoseconds % 1_000_000_000))
    }
}
