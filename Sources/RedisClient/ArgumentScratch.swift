import CHiredis

/// Reusable memory for argv/argvlen so a command costs no per-argument allocation.
struct ArgumentScratch {
    private var bytes: UnsafeMutableRawPointer?
    private var capacity = 0
    private var pointers: [UnsafePointer<CChar>?] = []
    private var lengths: [Int] = []

    mutating func withArgv<R>(
        _ arguments: [[UInt8]],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R
    ) -> R {
        let total = arguments.reduce(0) { $0 + $1.count } + 1
        if total > capacity {
            bytes?.deallocate()
            capacity = max(total, capacity * 2, 4096)
            bytes = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
        }
        pointers.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        var offset = 0
        let base = bytes!
        for argument in arguments {
            let start = base + offset
            argument.withUnsafeBytes { src in
                if src.count > 0 { start.copyMemory(from: src.baseAddress!, byteCount: src.count) }
            }
            pointers.append(UnsafePointer(start.assumingMemoryBound(to: CChar.self)))
            lengths.append(argument.count)
            offset += argument.count
        }
        return pointers.withUnsafeMutableBufferPointer { argv in
            lengths.withUnsafeBufferPointer { lens in
                body(Int32(arguments.count), argv.baseAddress!, lens.baseAddress!)
            }
        }
    }

    // The scratch lives exactly as long as its connection; freeing happens in release().
    mutating func release() {
        bytes?.deallocate()
        bytes = nil
        capacity = 0
    }
}
