/// Several input files refused at once (a Parquet part, an unknown binary, a FIFO, a manifest naming a missing
/// file, …), so one run names them all: one `path: error: message` line each.
public struct InputRefusals: Error, CustomStringConvertible, Sendable {
    public var errors: [InputError]

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
