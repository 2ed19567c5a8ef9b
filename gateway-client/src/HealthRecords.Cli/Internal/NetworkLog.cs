using Microsoft.Extensions.Logging;

namespace HealthRecords.Cli.Internal;

/// <summary>What <c>hrec network up</c> itself writes to <c>&lt;data&gt;/network.log</c> (the peers, the ledger and the chaincode log their own entries).</summary>
internal static partial class NetworkLog
{
    /// <summary>The log category of these entries.</summary>
    public const string Category = "HealthRecords.Cli.NetworkUp";

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "hrec network up: pid {Pid}, data {DataDirectory}, first peer port {BasePort}, batch timeout {BatchTimeoutMs} ms")]
    public static partial void Starting(ILogger logger, int pid, string dataDirectory, int basePort, int batchTimeoutMs);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Chaincode {Name} ({PackageId}) served as a service at {Address}, endorsement policy {Policy}")]
    public static partial void ChaincodeServing(ILogger logger, string name, string packageId, string address, string policy);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Peer {Name} ({MspId}) at {Url}")]
    public static partial void Peer(ILogger logger, string name, string mspId, string url);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Information, Message = "Dev network ready: channel {ChannelId}, height {Height}, profile {Profile}")]
    public static partial void Ready(ILogger logger, string channelId, ulong height, string profile);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "Stopping the dev network")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Error, Message = "The dev network could not start")]
    public static partial void StartFailed(ILogger logger, Exception exception);
}
