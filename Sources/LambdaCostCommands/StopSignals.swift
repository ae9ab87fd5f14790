import Dispatch
import Foundation
import LambdaCostKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGTERM (`systemctl stop`, a cron timeout) and SIGINT (Ctrl-C) during a run: the staging folder of a report
/// being written is removed and a report moved aside is put back, a line on stderr says what happened, the
/// summary JSON is written, and the process exits 143 or 130 (128 + the signal), as shells report it.
enum StopSignals {
    /// Kept alive for the life of the process.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    /// Set as soon as a stop signal is handled: the run must not report its own outcome any more.
    private static let stopping = Locked(false)

    /// Waits for the exit when a stop is being handled (the run failed because its staging folder was removed
    /// under it, or finished just then): the stop's status and summary are the ones that count.
    static func holdIfStopping() {
        while stopping.get() { sleep(1) }
    }

    /// Installs the handlers; `cleanup` undoes the run's work in progress and says what it did (default: the
    /// report's staging folder), `summary` is called with the exit status and the message, to write the summary JSON.
    static func install(cleanup: @escaping @Sendable () -> [String] = { ReportPipeline.abandonOutputInProgress() },
                        summary: @escaping @Sendable (_ status: Int32, _ message: String) -> Void) {
        for (signalNumber, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                stopping.set(true)
                let done = cleanup()
                let message = "stopped by \(name)" + (done.isEmpty ? "" : " (\(done.joined(separator: "; ")))")
                StandardError.write("lambda-cost-report: error: \(message)")
                let status = 128 + signalNumber
                summary(status, message)
                exit(status)
            }
            source.resume()
            sources.append(source)
        }
    }
}
