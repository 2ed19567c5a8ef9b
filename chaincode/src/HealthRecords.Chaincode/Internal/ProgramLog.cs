using Microsoft.Extensions.Logging;

namespace HealthRecords.Chaincode.Internal;

/// <summary>The process's log lines (stable event ids, so operators can alert on them).</summary>
internal static partial class ProgramLog
{
    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "healthrecords chaincode {ChaincodeId} listening on {Address} (TLS: {Tls}, mutual TLS: {MutualTls})")]
    public static partial void Listening(ILogger logger, string chaincodeId, string address, bool tls, bool mutualTls);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "shutting down ({Signal})")]
    public static partial void ShuttingDown(ILogger logger, string signal);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 13, Level = LogLevel.Critical, Message = "configuration error: {Reason}")]
    public static partial void ConfigurationError(ILogger logger, string reason);

    [LoggerMessage(EventId = 14, Level = LogLevel.Critical, Message = "the chaincode server failed")]
    public static partial void ServerFailed(ILogger logger, Exception exception);
}
