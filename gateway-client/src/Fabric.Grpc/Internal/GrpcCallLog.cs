using Microsoft.Extensions.Logging;

namespace Fabric.Grpc.Internal;

/// <summary>Client call log messages with stable event ids.</summary>
internal static partial class GrpcCallLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Starting {MethodType} call {Method} to {Target}")]
    public static partial void CallStarting(ILogger logger, MethodType methodType, string method, string target);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Call {Method} finished with {StatusCode} '{Detail}'")]
    public static partial void CallFinished(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Call {Method} failed with {StatusCode}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode statusCode, string detail, Exception? exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Call {Method} deadline exceeded")]
    public static partial void DeadlineExceeded(ILogger logger, string method);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Call {Method} cancelled by the caller")]
    public static partial void CallCancelled(ILogger logger, string method);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "TLS certificate of {Target} rejected: {Reason}")]
    public static partial void CertificateRejected(ILogger logger, string target, string reason);
}
