import Foundation

/// The CUR 2.0 `resource_tags` map column: JSON text such as `{"user_team":"payments"}`.
enum TagMap {
    /// The string entries of the map; anything that is not a JSON object of strings gives no tags.
    static func parse(_ json: String) -> [(key: String, value: String)] {
        guard let data = json.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        return object.compactMap { key, value in (value as? String).map { (key, $0) } }.sorted { $0.key < $1.key }
    }
}
