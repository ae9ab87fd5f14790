import ArgumentParser
import LambdaCostKit

extension CatalogLoader {
    /// Loads the catalog for a command: a broken catalog is printed as a located error and exits 1.
    static func forCommand(_ directory: String) throws -> PriceCatalog {
        do {
            return try CatalogLoader()(directory)
        } catch {
            StandardError.write(error.description)
            throw ExitCode.failure
        }
    }
}
