extension Manifest {
    /// The manifest's canonical JSON (``CanonicalJSON``: the bytes `JSONEncoder` gives it), handed to `emit` a chunk
    /// of about `chunkBytes` at a time. A fleet's report lists tens of thousands of outputs: `JSONEncoder` would hold
    /// them as a tree of objects and then their text twice (about 40 MB at 50,000 functions), so the outputs are
    /// written entry by entry into the text the encoder gives for the rest of the manifest.
    func canonicalJSON(chunkBytes: Int = 1 << 20, _ emit: ([UInt8]) throws -> Void) throws {
        var rest = self
        rest.outputs = []
        let text = try CanonicalJSON.bytes(rest)
        // The only place this text can hold it: a key at the top level, and a string value never holds a line feed.
        let emptyOutputs = Array("\n  \"outputs\" : [\n\n  ]".utf8)
        guard !outputs.isEmpty, let at = text.firstRange(of: emptyOutputs) else {
            return try emit(outputs.isEmpty ? text : CanonicalJSON.bytes(self))
        }
        var chunk = Array(text[..<at.lowerBound])
        chunk += "\n  \"outputs\" : [".utf8
        for (index, output) in outputs.enumerated() {
            chunk += index == 0 ? "\n    {\n      \"bytes\" : ".utf8 : ",\n    {\n      \"bytes\" : ".utf8
            chunk += String(output.bytes).utf8
            chunk += ",\n      \"path\" : ".utf8
            CanonicalJSON.appendString(output.path, to: &chunk)
            chunk += ",\n      \"sha256\" : ".utf8
            CanonicalJSON.appendString(output.sha256, to: &chunk)
            chunk += "\n    }".utf8
            if chunk.count >= chunkBytes {
                try emit(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk += "\n  ]".utf8
        chunk += text[at.upperBound...]
        try emit(chunk)
    }
}
