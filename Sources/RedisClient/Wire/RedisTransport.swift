/// The byte stream under a connection: a plain TCP or unix socket, or a TLS session over TCP. hiredis's reader
/// and formatter sit above it, so every kind of traffic (calls, pipelines, transactions, streamed writes,
/// pushed messages) takes this one path.
///
/// Both calls honour a deadline; `receive` with `.immediate` never waits and returns 0 when nothing is there.
/// A failure is thrown as a typed `RedisError`; after one the transport is closed and never reused.
protocol RedisTransport: AnyObject {
    /// Writes every byte before the deadline.
    func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws(RedisError)
    /// Reads at least one byte (or none with `.immediate`), waiting up to the deadline.
    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws(RedisError) -> Int
    /// Releases the socket (and the TLS session).
    func close()
}
