using Microsoft.Extensions.Logging;

namespace HealthRecords.Client.Internal;

/// <summary>
/// Log messages of the client's automatic resubmits. Event ids are stable, inside the client's range
/// (2100-2199): 2150-2159. Messages carry function names, transaction ids and counts only.
/// </summary>
internal static partial class SubmitRetryLog
{
    [LoggerMessage(EventId = 2150, Level = LogLevel.Information, Message = "{Function} transaction {TransactionId} wrote nothing ({Reason}); resubmitting as a new proposal in {DelayMs} ms (retry {Retry})")]
    public static partial void Resubmitting(ILogger logger, string function, string transactionId, string reason, int retry, long delayMs);

    [LoggerMessage(EventId = 2151, Level = LogLevel.Information, Message = "{Function} committed after {Retries} retries")]
    public static partial void CommittedAfterRetries(ILogger logger, string function, int retries);
}
