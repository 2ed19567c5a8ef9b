using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Hyperledger.Fabric.Shim.Contracts;

/// <summary>Settings of a <see cref="ContractRouter"/>.</summary>
public sealed record ContractRouterOptions
{
    /// <summary>
    /// How arguments are read and results written; default: System.Text.Json's web defaults
    /// (camelCase names, case-insensitive reading).
    /// </summary>
    public JsonSerializerOptions SerializerOptions { get; init; } = new(JsonSerializerDefaults.Web);

    /// <summary>The contract that un-prefixed function names go to; default: the first contract given.</summary>
    public string? DefaultContract { get; init; }

    /// <summary>Title in the metadata's info section (default "chaincode").</summary>
    public string Title { get; init; } = "chaincode";

    /// <summary>Version in the metadata's info section (default "1.0.0").</summary>
    public string Version { get; init; } = "1.0.0";

    /// <summary>Logging; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
