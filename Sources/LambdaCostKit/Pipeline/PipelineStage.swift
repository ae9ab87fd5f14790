/// One named step of the report pipeline, with a typed input and output and no shared mutable context.
public protocol PipelineStage: Sendable {
    associatedtype Input
    associatedtype Output
    /// The stage name carried by errors (`ingest`, `pricing`, `scenarios`, `ranking`, `render`, `output`).
    var name: String { get }
    func run(_ input: Input) throws -> Output
}

extension PipelineStage {
    /// Runs the stage, wrapping any error with the stage name.
    public func callAsFunction(_ input: Input) throws(StageError) -> Output {
        do {
            return try run(input)
        } catch let error as StageError {
            throw error
        } catch {
            throw StageError(stage: name, underlying: error)
        }
    }
}

/// An error from a stage: the stage name plus what went wrong and, when known, where in which file.
public struct StageError: Error, CustomStringConvertible, Sendable {
    public var stage: String
    public var underlying: any Error

    /// `path: error: what happened [stage: output]`: a file-system error in words, never its NSError dump;
    /// control and bidirectional-text characters escaped (``Diagnostic/printable(_:)``).
    public var description: String {
        let detail = FileSystemErrorText.describe(underlying) ?? String(describing: underlying)
        if detail.contains(": error: ") { return Diagnostic.printable("\(detail) [stage: \(stage)]") }
        return Diagnostic.printable("lambda-cost-report: error: \(detail) [stage: \(stage)]")
    }
}
