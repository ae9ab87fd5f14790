/// A leaf column of the schema: its path, its schema element, and the highest definition and repetition levels
/// its values can have.
public struct ParquetColumnDescriptor: Sendable, Hashable {
    /// The names from below the root to the leaf, e.g. `["product", "key_value", "value"]`.
    public var path: [String]
    /// The leaf's schema element (physical type, logical type, …).
    public var element: ParquetSchemaElement
    /// The level of a present value: the number of optional or repeated fields on the path.
    public var maximumDefinitionLevel: Int
    /// The number of repeated fields on the path (0 for a flat column).
    public var maximumRepetitionLevel: Int

    /// The path joined with dots, as errors name the column.
    public var dottedPath: String { path.joined(separator: ".") }

    /// The schema's leaf columns, in order, from the flattened schema (root first); a failure with its reason when the
    /// children counts do not describe a tree or a leaf has no type.
    static func leaves(of schema: [ParquetSchemaElement]) -> Result<[ParquetColumnDescriptor], ParquetErrorMessage> {
        guard let root = schema.first else { return .failure(ParquetErrorMessage("an empty schema")) }
        var leaves: [ParquetColumnDescriptor] = []
        // Open groups: children still to read, and the path and levels below them.
        var stack: [(left: Int, path: [String], definition: Int, repetition: Int)] = [(root.numberOfChildren ?? 0, [], 0, 0)]
        var index = 1
        while let top = stack.last {
            if top.left == 0 {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].left -= 1
            guard index < schema.count else {
                return .failure(ParquetErrorMessage("the schema lists fewer elements than its groups' children"))
            }
            let element = schema[index]
            index += 1
            let definition = top.definition + (element.repetition == .required || element.repetition == nil ? 0 : 1)
            let repetition = top.repetition + (element.repetition == .repeated ? 1 : 0)
            let path = top.path + [element.name]
            guard definition <= 255, stack.count < 100 else {
                return .failure(ParquetErrorMessage("a schema nested deeper than this reader accepts"))
            }
            if let children = element.numberOfChildren, element.type == nil {
                guard children >= 0, children <= schema.count - index else {
                    return .failure(ParquetErrorMessage("the group '\(path.joined(separator: "."))' claims \(children) children"))
                }
                stack.append((children, path, definition, repetition))
            } else {
                guard element.type != nil else {
                    return .failure(ParquetErrorMessage("the leaf '\(path.joined(separator: "."))' has no physical type"))
                }
                leaves.append(ParquetColumnDescriptor(path: path, element: element, maximumDefinitionLevel: definition,
                    maximumRepetitionLevel: repetition))
            }
        }
        guard index == schema.count else {
            return .failure(ParquetErrorMessage("the schema lists \(schema.count - index) elements outside its root"))
        }
        return .success(leaves)
    }
}
