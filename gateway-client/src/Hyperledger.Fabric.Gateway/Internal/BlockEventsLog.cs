using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>Log messages of block-event streams; stable event ids 2050-2059 (within the gateway's 2000-2099).</summary>
internal static partial class BlockEventsLog
{
    [LoggerMessage(EventId = 2050, Level = LogLevel.Information, Message = "{Kind} on {Channel}: stream opened at {Address}, resuming at block {NextBlock}")]
    public static partial void Opened(ILogger logger, string kind, string channel, string address, ulong? nextBlock);

    [LoggerMessage(EventId = 2051, Level = LogLevel.Warning, Message = "{Kind}: stream broke ({StatusCode} {Detail}); reconnecting in {Delay} (attempt {Attempt})")]
    public static partial void Reconnecting(ILogger logger, string kind, StatusCode statusCode, string detail, TimeSpan delay, int attempt);
}
