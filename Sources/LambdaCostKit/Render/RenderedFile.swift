/// A rendered output file, relative to the month's folder.
public struct RenderedFile: Sendable, Equatable {
    public var path: String
    public var contents: [UInt8]
}
