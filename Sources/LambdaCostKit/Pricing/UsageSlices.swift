/// A function's usage slices by architecture and kind, as a `[UsageSlice.Key: UsageSlice]` is read, held as a small
/// array sorted by key (``SmallSortedMap``).
public typealias UsageSlices = SmallSortedMap<UsageSlice.Key, UsageSlice>
