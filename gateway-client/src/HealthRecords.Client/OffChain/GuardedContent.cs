namespace HealthRecords.Client.OffChain;

/// <summary>What a <see cref="GuardedContentStore"/> answered.</summary>
/// <param name="Decision">The guard's decision (with the access entry when allowed).</param>
/// <param name="Content">The stored bytes when allowed, else null.</param>
public sealed record GuardedContent(ConsentGuardDecision Decision, byte[]? Content);
