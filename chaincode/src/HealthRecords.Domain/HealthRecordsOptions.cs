namespace HealthRecords.Domain;

/// <summary>
/// Tunables of <see cref="HealthRecordsService"/>. Every endorsing peer must run the chaincode with
/// the same values, or endorsements will differ.
/// </summary>
public sealed record HealthRecordsOptions
{
    /// <summary>Page size when a request gives none (default 50).</summary>
    public int DefaultPageSize { get; init; } = 50;

    /// <summary>The largest page size a request may ask for (default 200).</summary>
    public int MaxPageSize { get; init; } = 200;

    /// <summary>Research counts with 1 to this value minus 1 patients are suppressed (default 5, the k of k-anonymity).</summary>
    public int ResearchThreshold { get; init; } = 5;

    /// <summary>The most records one break-glass access releases (default 100).</summary>
    public int MaxEmergencyRecords { get; init; } = 100;

    /// <summary>
    /// How long after its transaction time a committed access entry lets its accessor read the records it
    /// names through <c>ReadAccessedRecords</c> (default 10 minutes). The proposal timestamp is the
    /// client's choice, so the window bounds honest clients only; the entry itself names the caller,
    /// the records and the purpose.
    /// </summary>
    public TimeSpan AccessWindow { get; init; } = TimeSpan.FromMinutes(10);
}
