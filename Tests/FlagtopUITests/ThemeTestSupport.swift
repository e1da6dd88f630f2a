import Foundation

@testable import FlagtopUI

/// Helpers shared by the theme tests: the repo's Themes folder and throwaway directories.
enum ThemeTestSupport {
    /// The repository's top-level Themes/ folder, found from this source file's location.
    static let shippedThemesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // FlagtopUITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository
        .appendingPathComponent("Themes", isDirectory: true)

    static let shippedNames = ["default", "light", "high-contrast", "mono"]

    /// A fresh empty directory, removed after `body`.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("flagtop-theme-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// Writes `text` to `directory/relativePath`, creating folders; returns the file's URL.
    @discardableResult
    static func write(_ text: String, to relativePath: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }
}
