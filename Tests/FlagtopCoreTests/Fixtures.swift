import FlagtopCore
import FlagtopTestSupport
import Foundation

/// Builders shared by the library tests.
enum Fixtures {
    static func toggle(_ name: String, _ fields: [(String, String)]) -> Toggle {
        Toggle(key: Array(name.utf8), name: name, fields: fields.map { Field($0.0, $0.1) })
    }

    static func session(_ id: String, _ fields: [(String, String)]) -> SessionContext {
        SessionContext(key: Array("session:\(id)".utf8), id: id, fields: fields.map { Field($0.0, $0.1) }, ttl: nil)
    }

    static func settings(_ server: TestServer, actor: String = "tester@test") -> FlagtopSettings {
        FlagtopSettings(endpoint: server.endpoint, actor: actor)
    }

    /// Unix seconds of a wall-clock time in `zone`, computed with Foundation's calendar (independent of the code under test).
    static func seconds(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
                        zone: TimeZone = .current) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
        return Int(date.timeIntervalSince1970)
    }
}
