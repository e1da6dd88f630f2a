import Foundation
@_exported import RedisClient
@_exported import RedisLauncher

/// A private redis-server for one test, with helpers to talk to it. Stop it with `stop()` (or let it deinit).
public final class TestServer: @unchecked Sendable {
    public let process: RedisServerProcess

    public init(search: Bool = true, tcp: Bool = false, password: String? = nil, extraArguments: [String] = []) throws {
        process = try RedisServerProcess(.init(loadSearchModule: search, tcp: tcp, password: password, extraArguments: extraArguments))
    }

    public var endpoint: RedisEndpoint { process.endpoint }
    public var url: String { process.url }
    public var searchLoaded: Bool { process.searchModuleLoaded }

    /// A fresh connection (connected at once) with short timeouts.
    public func connection(commandTimeout: Double = 5) throws -> RedisConnection {
        try RedisConnection(connectingTo: endpoint, options: RedisConnectionOptions(commandTimeout: commandTimeout, clientName: "flagtop-test"))
    }

    /// Runs one command on a fresh admin connection.
    @discardableResult
    public func run(_ arguments: any RedisArgumentConvertible...) throws -> RedisReply {
        try connection().send(RedisCommand(arguments))
    }

    /// Runs `redis-cli -s <socket> args…` and returns its stdout (what a person would type).
    public func redisCLI(_ arguments: [String], stdin: String? = nil) throws -> String {
        var args = ["-s", process.socketPath]
        if let password = process.configuration.password { args += ["--no-auth-warning", "-a", password] }
        return try ProcessRunner.run("redis-cli", args + arguments, stdin: stdin).stdout
    }

    public func stop() { process.stop() }

    deinit { process.stop() }
}

/// Runs a program to completion and captures its output.
public enum ProcessRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// `captureOutput: false` sends stdout/stderr to /dev/null: needed for programs that leave a daemon behind
    /// (tmux new-session), which would otherwise hold the pipes open forever.
    public static func run(_ program: String, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
                           timeout: Double = 60, captureOutput: Bool = true) throws -> Result {
        let process = Process()
        if program.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), input = Pipe()
        if captureOutput {
            process.standardOutput = out
            process.standardError = err
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try? out.fileHandleForWriting.close()
            try? err.fileHandleForWriting.close()
        }
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try? input.fileHandleForWriting.close()
        }
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        let outBox = DataBox(), errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outBox.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        if process.isRunning { process.terminate(); usleep(100_000); if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        process.waitUntilExit()
        group.wait()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outBox.data, as: UTF8.self),
            stderr: String(decoding: errBox.data, as: UTF8.self)
        )
    }

    private final class DataBox: @unchecked Sendable { var data = Data() }
}
