using Microsoft.Extensions.Logging;

namespace Fabric.Grpc.Server.Internal;

/// <summary>Server log messages with stable event ids.</summary>
internal static partial class GrpcServerLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "gRPC server listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "gRPC server on {Address} stopped")]
    public static partial void Stopped(ILogger logger, string address);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Call {Method} from {Peer} finished with {StatusCode} '{Detail}'")]
    public static partial void CallFinished(ILogger logger, string method, string peer, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Handler for {Method} threw")]
    public static partial void HandlerThrew(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Call {Method} from {Peer} cancelled by the client")]
    public static partial void CallCancelled(ILogger logger, string method, string peer);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Unimplemented method {Method} called by {Peer}")]
    public static partial void Unimplemented(ILogger logger, string method, string peer);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Rejected a request with content type '{ContentType}' on {Path}")]
    public static partial void BadContentType(ILogger logger, string? contentType, string path);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "Client certificate rejected: {Reason}")]
    public static partial void ClientCertificateRejected(ILogger logger, string reason);
}
