namespace HealthRecords.Domain.Ports;

/// <summary>One page of a paginated range query.</summary>
/// <param name="Entries">The entries of this page, in key order.</param>
/// <param name="Bookmark">Where the next page starts; empty when there are no more entries.</param>
/// <param name="FetchedCount">How many entries the page holds (Fabric's <c>fetched_records_count</c>).</param>
public sealed record LedgerPage(IReadOnlyList<LedgerEntry> Entries, string Bookmark, int FetchedCount);
