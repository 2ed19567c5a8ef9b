using Microsoft.Extensions.Logging;

namespace HealthRecords.Client.Internal;

/// <summary>
/// The typed client's and the consent guard's log messages. Event ids are stable: 2100-2199. Messages carry
/// ids and tree sizes only, never record contents, leaves or clinical data.
/// </summary>
internal static partial class HealthRecordsClientLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug, Message = "Calling {Function} ({Mode})")]
    public static partial void Calling(ILogger logger, string function, string mode);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Verifiable read {Function} answered in transaction {TransactionId}")]
    public static partial void VerifiedRead(ILogger logger, string function, string transactionId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "History root of patient {PatientId} trusted on first use at size {TreeSize}")]
    public static partial void HistoryRootTrusted(ILogger logger, string patientId, long treeSize);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "History root of patient {PatientId} advanced from size {FromSize} to {ToSize}")]
    public static partial void HistoryRootAdvanced(ILogger logger, string patientId, long fromSize, long toSize);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Proof verification failed in {Function} for patient {PatientId} at size {TreeSize}")]
    public static partial void ProofVerificationFailed(ILogger logger, string function, string patientId, long? treeSize);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "History of patient {PatientId} rewritten: verified size {TrustedSize}, presented size {PresentedSize}")]
    public static partial void HistoryRewritten(ILogger logger, string patientId, long trustedSize, long presentedSize);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Debug, Message = "{Function} refused by the chaincode: {Code} (transaction {TransactionId})")]
    public static partial void ChaincodeError(ILogger logger, string function, HealthRecordsErrorCode code, string? transactionId);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Information, Message = "Consent guard {Outcome} {RequesterMspId} reading record {RecordId}: {Reason}")]
    public static partial void GuardDecision(ILogger logger, string outcome, string requesterMspId, string recordId, string? reason);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Information, Message = "Access {AccessId} is not yet visible on the evaluating peer; retry {Attempt} of {MaxAttempts}")]
    public static partial void AccessNotYetVisible(ILogger logger, string accessId, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Information, Message = "{Function} verifiable read {TransactionId}: the organisations' peers answered differently; reading again as a new proposal in {DelayMs} ms (retry {Retry})")]
    public static partial void VerifiedReadDisagreed(ILogger logger, string function, string transactionId, int retry, long delayMs);
}
