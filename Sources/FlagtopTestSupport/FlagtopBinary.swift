import Foundation

/// Finds the built `flagtop` executable next to the test bundle (any scratch path), else under the package's
/// `.build`. `FLAGTOP_BINARY` overrides both.
public enum FlagtopBinary {
    public static let path: String = locate()

    private static func locate() -> String {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["FLAGTOP_BINARY"], fm.isExecutableFile(atPath: explicit) {
            return explicit
        }
        var dirs: [URL] = []
        for start in [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()] {
            // The bundle's own directory, then up to three parents and their children (debug/, release/, <triple>/debug/).
            var dir = start.standardizedFileURL
            for _ in 0..<4 {
                dirs.append(dir)
                dirs.append(dir.appendingPathComponent("debug"))
                dir = dir.deletingLastPathComponent()
            }
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        dirs.append(packageRoot.appendingPathComponent(".build/debug"))
        for dir in dirs {
            let candidate = dir.appendingPathComponent("flagtop").path
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: candidate, isDirectory: &isDir), !isDir.boolValue, fm.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return packageRoot.appendingPathComponent(".build/debug/flagtop").path
    }
}
