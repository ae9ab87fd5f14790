/// A configuration value of the sample generator is out of range.
public struct SampleGeneratorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, for example `days must be 1...31 for 2026-10, got 40`.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
