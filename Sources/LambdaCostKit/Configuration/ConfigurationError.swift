/// Why a configuration file was not accepted: every problem found, each as a `file:line:column: error: …`
/// diagnostic, in the order of the file.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// One diagnostic a line, as printed on stderr.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
