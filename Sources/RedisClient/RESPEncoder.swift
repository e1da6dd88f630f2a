/// RESP2 request encoding (`*<n>\r\n` then `$<len>\r\n<bytes>\r\n` per argument), into a reused buffer.
enum RESPEncoder {
    static func append(_ command: RedisCommand, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "*"))
        appendDecimal(command.arguments.count, to: &out)
        for argument in command.arguments {
            out.append(UInt8(ascii: "$"))
            appendDecimal(argument.count, to: &out)
            out.append(contentsOf: argument)
            out.append(13)
            out.append(10)
        }
    }

    /// `value` (≥ 0) in decimal, then CRLF.
    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        } while divisor > 0
        out.append(13)
        out.append(10)
    }
}
