using Microsoft.Extensions.Logging;

namespace HealthRecords.Cli.Tests.Infrastructure;

/// <summary>How <see cref="InProcessDevNetwork"/> starts the dev network.</summary>
public sealed record InProcessDevNetworkOptions
{
    /// <summary>The data folder (crypto material, ledger, profile). Required.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Port of the first peer (the next is +2000); 0 for ephemeral ports. Default 0.</summary>
    public int BasePort { get; init; }

    /// <summary>Where to write the connection profile; default <c>&lt;data&gt;/connection-profile.json</c>.</summary>
    public string? ProfilePath { get; init; }

    /// <summary>How long the orderer waits before cutting a non-full block. Default 100 ms (interactive use).</summary>
    public TimeSpan BatchTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Logging for the network and the chaincode; null for none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
