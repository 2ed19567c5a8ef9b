namespace HealthRecords.Cli;

/// <summary>
/// The process exit codes of <c>hrec</c> (documented in docs/cli.md). Scripts can rely on them: they
/// never change meaning between versions.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Bad usage: an unknown command or option, a missing or invalid value, an unknown identity or profile, or a request the chaincode rejected as INVALID_ARGUMENT.</summary>
    public const int Usage = 1;

    /// <summary>Access denied: the chaincode answered FORBIDDEN (wrong role, no consent, revoked or expired consent).</summary>
    public const int Denied = 2;

    /// <summary>Not found: the chaincode answered NOT_FOUND (patient, record, consent or history leaf), or a file or network is missing.</summary>
    public const int NotFound = 3;

    /// <summary>
    /// The network is unreachable (no peer answered), or a query or endorsement timed out. Nothing was
    /// submitted, so repeating the command is safe. A commit-status timeout is <see cref="CommitPending"/>.
    /// </summary>
    public const int Unavailable = 4;

    /// <summary>Verification failed: a Merkle proof, a consistency proof, a content hash or a signature did not check out.</summary>
    public const int VerificationFailed = 5;

    /// <summary>Conflict: the chaincode answered CONFLICT (already registered, already revoked, already superseded).</summary>
    public const int Conflict = 6;

    /// <summary>Any other failure (a transaction committed as invalid, an unexpected error).</summary>
    public const int Failed = 7;

    /// <summary>
    /// The transaction was handed to the ordering service, but its commit status did not arrive in time (or
    /// the gateway went away while waiting): it may still commit. The error names the transaction id; ask
    /// again with <c>hrec tx status &lt;txid&gt;</c> instead of repeating the command, which would add a second
    /// transaction.
    /// </summary>
    public const int CommitPending = 8;
}
