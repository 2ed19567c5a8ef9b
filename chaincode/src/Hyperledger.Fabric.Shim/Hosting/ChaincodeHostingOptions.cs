using Microsoft.Extensions.Logging;

namespace Hyperledger.Fabric.Shim.Hosting;

/// <summary>How a chaincode hosted in an ASP.NET Core app registers with the peers that connect to it.</summary>
public sealed record ChaincodeHostingOptions
{
    /// <summary>The chaincode package id sent in REGISTER (what Fabric's <c>CHAINCODE_ID</c> holds). Required.</summary>
    public required string ChaincodeId { get; init; }

    /// <summary>Logging for the stream handler; null means the app's <see cref="ILoggerFactory"/>.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
