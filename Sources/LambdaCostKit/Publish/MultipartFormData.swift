import Foundation

/// A `multipart/form-data` body (RFC 7578): text fields and files, with a boundary that occurs in none of them.
struct MultipartFormData {
    private var parts: [(headers: String, content: Data)] = []

    mutating func addField(_ name: String, _ value: String) {
        parts.append(("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n", Data(value.utf8)))
    }

    mutating func addFile(field: String, fileName: String, mediaType: String, bytes: Data) {
        parts.append(("Content-Disposition: form-data; name=\"\(Self.quoted(field))\"; filename=\"\(Self.quoted(fileName))\"\r\n"
            + "Content-Type: \(mediaType)\r\n", bytes))
    }

    /// The body and its `Content-Type` header value.
    func encoded() -> (contentType: String, body: Data) {
        var boundary = "lambda-cost-report-" + UUID().uuidString
        while parts.contains(where: { $0.content.range(of: Data(boundary.utf8)) != nil }) {
            boundary = "lambda-cost-report-" + UUID().uuidString
        }
        var body = Data()
        for part in parts {
            body.append(Data("--\(boundary)\r\n\(part.headers)\r\n".utf8))
            body.append(part.content)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ("multipart/form-data; boundary=\(boundary)", body)
    }

    /// A name for a quoted header parameter: quotes and line breaks percent-encoded, as browsers do.
    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }
}
