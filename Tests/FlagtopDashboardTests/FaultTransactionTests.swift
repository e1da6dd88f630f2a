import FlagtopCore
import FlagtopDashboard
import FlagtopTestSupport
import Foundation
import Testing

/// A connection dropped between MULTI and EXEC applies nothing; a kill racing CLIENT KILL is all or nothing.
@Suite struct FaultTransactionTests {
    @Test func connectionKilledBetweenMultiAndExecAppliesNothing() throws {
        let server = try TestServer()
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
        let connection = try server.connection()
        let id = try #require(try connection.send("CLIENT", "ID").int)
        let queued = try connection.pipeline([RedisCommand("MULTI"), RedisCommand("HSET", "useNewAlgorithm", "toggle", "False"),
                                              RedisCommand("XADD", FlagtopSettings.auditKey, "*", "action", "kill")])
        #expect(queued.map(\.string) == ["OK", "QUEUED", "QUEUED"])
        #expect(try server.run("CLIENT", "KILL", "ID", id).int == 1)
        // EXEC now either fails on the dead socket or, on a fresh connection, has no MULTI to end.
        let exec = Result { try connection.send("EXEC") }
        if case let .success(reply) = exec { #expect(reply.serverError != nil, "EXEC after the drop must not succeed: \(reply)") }
        #expect(try server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "True\n")
        #expect(try server.redisCLI(["EXISTS", FlagtopSettings.auditKey]) == "0\n")
    }

    @Test func killRacingClientKillIsAllOrNothing() throws {
        let server = try TestServer()
        let settings = FlagtopSettings(endpoint: server.endpoint, actor: "race@test", timeout: 1)
        let store = ToggleStore(settings: settings)
        var failures = 0, successes = 0
        for round in 0..<30 {
            _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
            _ = try server.redisCLI(["DEL", "flagtop:audit:{useNewAlgorithm}"])
            let connection = RedisConnection(endpoint: server.endpoint, options: settings.connectionOptions(name: "racer"))
            try connection.connect()
            let stop = Locked(false)
            let thread = Thread { [server] in
                guard let killer = try? server.connection() else { return }
                var n = 0
                while !stop.get() {
                    _ = try? killer.send("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes")
                    n += 1
                    if n % 2 == 0 { usleep(UInt32(round % 5) * 100) }
                }
            }
            thread.start()
            let outcome = Result { () throws -> Toggle in try store.kill("useNewAlgorithm", reason: "race", on: connection) }
            stop.set(true)
            while !thread.isFinished { usleep(1000) }
            let value = try server.redisCLI(["HGET", "useNewAlgorithm", "toggle"])
            let audits = try server.run("XLEN", "flagtop:audit:{useNewAlgorithm}").int ?? -1
            // The write and its audit entry land together or not at all.
            #expect((value == "False\n" && audits == 1) || (value == "True\n" && audits == 0), "round \(round): toggle \(value), \(audits) audit entries")
            if case .success = outcome {
                successes += 1
                #expect(value == "False\n", "round \(round): a kill reported as done must be in Redis")
            } else {
                failures += 1
            }
        }
        #expect(failures > 0, "CLIENT KILL never hit a kill (\(successes) successes): the race was not exercised")
    }
}
