using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthRecords.Client;

/// <summary>What a <see cref="ConsentGuard"/> accepts.</summary>
public sealed record ConsentGuardOptions
{
    /// <summary>The channel the query must be for. Default <c>healthchannel</c>.</summary>
    public string Channel { get; init; } = "healthchannel";

    /// <summary>The chaincode the query must call. Default <c>healthrecords</c>.</summary>
    public string ChaincodeName { get; init; } = "healthrecords";

    /// <summary>How old (by its signed timestamp) a query may be; also how far in the future. Default 5 minutes.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether a query (by transaction id) is refused the second time it is presented within <see cref="MaxAge"/>. Default true.</summary>
    public bool RejectReplays { get; init; } = true;

    /// <summary>The clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where the guard logs each decision at Information (event id 2107: requester MSP, record id, allowed or
    /// denied and the reason). Default <see cref="NullLoggerFactory.Instance"/>; null also means no logging.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
