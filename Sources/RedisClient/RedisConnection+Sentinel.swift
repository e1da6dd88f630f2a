/// Sentinel: where the master is, asked again on every connect and followed when the sentinels switch it.
extension RedisConnection {
    /// Asks the sentinels in turn (short timeouts) for the master's address; the one that answers moves to the
    /// front. A master name no sentinel knows, or no sentinel reachable, is one line naming the sentinels.
    func resolveMaster(_ service: SentinelService) throws(RedisError) -> RedisEndpoint.Address {
        var failures: [String] = []
        let quick = min(max(options.connectTimeout, 0.1), 0.5)
        for (index, address) in sentinelOrder.enumerated() {
            var sentinelEndpoint = RedisEndpoint(address: address, username: service.username, password: service.password)
            sentinelEndpoint.tls = endpoint.tls
            let shown = SentinelService(sentinels: [address], masterName: service.masterName).addresses
            let asking = RedisConnection(endpoint: sentinelEndpoint,
                                         options: RedisConnectionOptions(connectTimeout: quick, commandTimeout: quick, keepAlive: false, clientName: nil))
            defer { asking.close() }
            do {
                let reply = try asking.send("SENTINEL", "GET-MASTER-ADDR-BY-NAME", service.masterName)
                guard let parts = reply.array, parts.count == 2, let host = parts[0].string, let port = parts[1].int else {
                    failures.append("\(shown) knows no master '\(service.masterName)'")
                    continue
                }
                if index > 0 {
                    sentinelOrder.remove(at: index)
                    sentinelOrder.insert(address, at: 0)
                }
                return .tcp(host: host, port: Int(port))
            } catch {
                failures.append("\(shown): \(Self.shortReason(error))")
            }
        }
        throw .connectionRefused("\(endpoint.redacted): no sentinel named a master for '\(service.masterName)' (\(failures.joined(separator: "; ")))")
    }

    /// Subscribes to `+switch-master` on the first sentinel that answers (best effort: without it a failover is
    /// still noticed through READONLY or a dropped connection, only later).
    func watchSentinel(_ service: SentinelService) {
        if sentinelWatch?.isConnected == true { return }
        sentinelWatch = nil
        for address in sentinelOrder {
            var sentinelEndpoint = RedisEndpoint(address: address, username: service.username, password: service.password)
            sentinelEndpoint.tls = endpoint.tls
            let watch = RedisConnection(endpoint: sentinelEndpoint,
                                        options: RedisConnectionOptions(connectTimeout: 0.5, commandTimeout: 0.5, keepAlive: true, clientName: nil))
            if (try? watch.perform(RedisCommand("SUBSCRIBE", "+switch-master"))) != nil, watch.isConnected {
                sentinelWatch = watch
                return
            }
        }
    }

    /// Drains the sentinel subscription without blocking; a switch of our master to another address drops the
    /// connection, so this command connects to the new master.
    func followSentinelSwitch() {
        guard let watch = sentinelWatch, let service = endpoint.sentinel else { return }
        let messages: [RedisReply]
        do { messages = try watch.receivePending(limit: 64) } catch { sentinelWatch = nil; return }
        for message in messages {
            // ["message", "+switch-master", "<name> <old ip> <old port> <new ip> <new port>"]
            guard let parts = message.array, parts.count == 3, parts[0].string == "message", let text = parts[2].string else { continue }
            let words = text.split(separator: " ")
            guard words.count == 5, words[0] == service.masterName, let port = Int(words[4]) else { continue }
            let now = RedisEndpoint.Address.tcp(host: String(words[3]), port: port)
            if transport != nil, now != connectedAddress {
                _ = failTransport(with: .connectionClosed("the sentinels switched the master to \(words[3]):\(port)"))
            }
        }
    }
}
