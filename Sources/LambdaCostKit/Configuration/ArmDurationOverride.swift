/// `[[graviton.override]]`: the expected arm64/x86_64 duration ratio of some functions, instead of
/// `[graviton] duration_factor`.
public struct ArmDurationOverride: Hashable, Sendable {
    public var selector: FunctionSelector
    /// Expected arm64 duration relative to x86_64 (greater than 0; 1 = the same speed).
    public var durationFactor: FixedDecimal

    public init(selector: FunctionSelector, durationFactor: FixedDecimal) {
        self.selector = selector
        self.durationFactor = durationFactor
    }
}
