namespace HealthRecords.Domain.Contracts;

/// <summary>
/// Stable reasons of refusals that are not access decisions (those are <see cref="AccessReasons"/>). Each
/// rides in the refusal's message as <c>&lt;Lead&gt; (&lt;reason&gt;): detail</c>; clients switch on the reason,
/// never on the wording.
/// </summary>
public static class RefusalReasons
{
    /// <summary>
    /// <c>NOT_FOUND</c> from <c>ReadAccessedRecords</c>: the peer that answered has no committed access entry with that
    /// id. Either it was never submitted, or that peer has not yet committed its block (a client that saw the commit retries).
    /// </summary>
    public const string AccessNotCommitted = "access-not-committed";
}
