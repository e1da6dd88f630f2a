/// Realistic exception texts for the simulated errors, in a few languages' stack-trace styles.
enum ExceptionBodies {
    static func make(toggle: String, service: String, requestID: Int, pick: Int) -> String {
        let classBase = service.prefix(1).uppercased() + service.dropFirst()
        switch pick % 4 {
        case 0:
            return """
            Exception in thread "main" java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 5
            \tat com.example.\(service).\(classBase)Service.\(toggle)(\(classBase)Service.java:\(88 + pick % 7))
            \tat com.example.\(service).\(classBase)Controller.handle(\(classBase)Controller.java:41)
            \tat com.example.http.Router.dispatch(Router.java:212)
            request \(requestID)
            """
        case 1:
            return """
            Traceback (most recent call last):
              File "/srv/\(service)/handlers.py", line \(120 + pick % 9), in handle
                result = \(toggle)(ctx)
              File "/srv/\(service)/new_code.py", line 33, in \(toggle)
                return prices[ctx.region] / ctx.quantity
            ZeroDivisionError: division by zero (request \(requestID))
            """
        case 2:
            return """
            Fatal error: Unexpectedly found nil while unwrapping an Optional value
            \(classBase)Kit/\(toggle).swift:\(57 + pick % 5): \(classBase)Engine.apply(_:) in request \(requestID)
            0  \(classBase)Kit  0x000055d1c3a1 \(classBase)Engine.apply(_:) + 412
            1  \(classBase)Kit  0x000055d1c0f7 \(classBase)Handler.run() + 88
            """
        default:
            return """
            TypeError: Cannot read properties of undefined (reading 'amount')
                at \(toggle) (/app/\(service)/src/newPath.js:\(14 + pick % 6):27)
                at handle (/app/\(service)/src/handler.js:88:12)
                at process.processTicksAndRejections (node:internal/process/task_queues:95:5) request=\(requestID)
            """
        }
    }
}
