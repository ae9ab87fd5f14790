import Foundation

/// Reads a chat webhook's URL from the file the operator gives (`--webhook-url-file`): a webhook URL is a secret
/// (whoever has it can post to the channel), so it is never taken from the command line and never printed,
/// logged or put in an error message; the messages name the file and what is wrong, never its content.
///
/// The file must be a regular file of at most ``maximumBytes`` bytes holding one URL (surrounding whitespace and
/// a final newline are ignored): `https`, or `http` only to this machine (`localhost`, `127.0.0.1`, `::1`), with a
/// host and no user or password.
public enum WebhookURLFile {
    public static let maximumBytes = 4096

    public static func read(_ path: String) throws(PublishError) -> URL {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw PublishError("\(path): cannot read the webhook URL file: \(FileSystemErrorText.words(error as NSError))")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw PublishError("\(path): the webhook URL file is not a regular file")
        }
        if let size = attributes[.size] as? Int, size > maximumBytes {
            throw PublishError("\(path): the webhook URL file is \(size) bytes; it must hold one URL (at most \(maximumBytes) bytes)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PublishError("\(path): cannot read the webhook URL file (permission denied?)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw PublishError("\(path): cannot read the webhook URL file: \(FileSystemErrorText.words(error as NSError))")
        }
        guard data.count <= maximumBytes else {
            throw PublishError("\(path): the webhook URL file is more than \(maximumBytes) bytes; it must hold one URL")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PublishError("\(path): the webhook URL file is not UTF-8 text; it must hold one https URL")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            throw PublishError("\(path): the webhook URL file is empty; put the webhook's URL in it (one https URL)")
        }
        if trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            throw PublishError("\(path): the webhook URL file holds more than one line or word (or a control character); it must hold exactly one URL")
        }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty, let url = components.url
        else {
            throw PublishError("\(path): the webhook URL file does not hold a URL (expected one https URL, the address the service gave the webhook)")
        }
        guard scheme == "https" || scheme == "http" else {
            throw PublishError("\(path): the webhook URL must be https")
        }
        if scheme == "http" && !["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased()) {
            throw PublishError("\(path): the webhook URL must be https (the secret would cross the network in clear); http only for localhost")
        }
        if components.user != nil || components.password != nil {
            throw PublishError("\(path): the webhook URL must not hold a user or password")
        }
        return url
    }
}
