using Hyperledger.Fabric.Gateway;
using HealthRecords.Client.Proofs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthRecords.Client;

/// <summary>How a <see cref="HealthRecordsClient"/> calls the chaincode and how much it checks.</summary>
public sealed record HealthRecordsClientOptions
{
    /// <summary>The chaincode name, used when the client is built from an <see cref="INetwork"/>. Default <c>healthrecords</c>.</summary>
    public string ChaincodeName { get; init; } = "healthrecords";

    /// <summary>
    /// Where the last verified (tree size, root) of each patient's history is kept. When set, every root the
    /// client sees (in a proof, an append or <see cref="HealthRecordsClient.SyncHistoryRootAsync"/>) must be
    /// proven consistent with the stored one before it is accepted; a root from a rewritten history raises
    /// <see cref="HistoryRewrittenException"/>. Default null: proofs are checked against the root returned
    /// with them only.
    /// </summary>
    public IVerifiedRootStore? RootStore { get; init; }

    /// <summary>
    /// When set, every query that returns a root or a proof (<c>GetRecord</c>, <c>GetConsent</c>,
    /// <c>GetHistoryRoot</c>, <c>GetHistoryEntry</c>) is a verifiable read: sent through Endorse so peers of
    /// several organisations sign it, and checked against these CAs before its root is trusted. Default null:
    /// one peer's evaluate, which a single compromised peer could forge.
    /// </summary>
    public VerifiedReadOptions? VerifiedReads { get; init; }

    /// <summary>
    /// The bounded resubmit of a submitted function whose attempt wrote nothing: an endorsement that failed
    /// because the peers' results differed (<c>ProposalResponsePayloads do not match</c>, one peer a block
    /// behind) or a transaction invalidated at commit by <c>MVCC_READ_CONFLICT</c> or
    /// <c>PHANTOM_READ_CONFLICT</c>. Each retry is a new proposal with a new transaction id, logged (event
    /// 2150) and counted in <see cref="SubmitResult{TResponse}.Retries"/>. Chaincode refusals, other
    /// validation codes and ordering or commit-status failures are never retried. Default
    /// <see cref="DefaultSubmitRetry"/> (retries for up to 30 s, 100 ms doubling to at most 2 s, with jitter;
    /// the caller's cancellation token ends it sooner); null or <c>MaxRetryAttempts = 0</c> turns it off.
    /// </summary>
    public BoundedRetryOptions? SubmitRetry { get; init; } = DefaultSubmitRetry;

    /// <summary>
    /// The default <see cref="SubmitRetry"/>: bounded by time, not by a count, because a peer that lags under
    /// load (seconds, when it takes blocks over Deliver on a busy machine) outlasts any small count. Retries
    /// start for up to 30 s after the first attempt, 100 ms doubling to at most 2 s, with jitter.
    /// </summary>
    public static BoundedRetryOptions DefaultSubmitRetry { get; } = new()
    {
        MaxRetryAttempts = int.MaxValue,
        MaxRetryDuration = TimeSpan.FromSeconds(30),
        Delay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(2),
    };

    /// <summary>
    /// The bounded retry of a verifiable read (<see cref="VerifiedReads"/>) whose endorsements disagreed
    /// (<c>ProposalResponsePayloads do not match</c>): the read is endorsed by a peer of each organisation, and
    /// a peer that has not yet committed the block of a write this client just made answers with the state
    /// before it (another history size, a missing record). Only that disagreement is retried, each time as a
    /// new proposal, logged as event 2109; a chaincode refusal or a failed verification is not. Default
    /// <see cref="DefaultVerifiedReadRetry"/> (the same limits as <see cref="DefaultSubmitRetry"/>); null or
    /// <c>MaxRetryAttempts = 0</c> turns it off.
    /// </summary>
    public BoundedRetryOptions? VerifiedReadRetry { get; init; } = DefaultVerifiedReadRetry;

    /// <summary>
    /// The default <see cref="VerifiedReadRetry"/>: bounded by time, as <see cref="DefaultSubmitRetry"/> and for
    /// the same reason (a lagging peer catches up with time, not with a count). Retries start for up to 30 s
    /// after the first attempt, 100 ms doubling to at most 2 s, with jitter.
    /// </summary>
    public static BoundedRetryOptions DefaultVerifiedReadRetry { get; } = DefaultSubmitRetry;

    /// <summary>
    /// The bounded retry of the second step of <see cref="HealthRecordsClient.ReadRecordAsync"/> and
    /// <see cref="HealthRecordsClient.EmergencyAccessAsync"/>: the access entry is committed (one peer reported
    /// it), but the evaluate of <c>ReadAccessedRecords</c> may reach a peer that has not applied that block yet
    /// (tens of milliseconds, more on BFT ordering) and answers <c>NOT_FOUND</c> "not committed". Only that
    /// refusal is retried, logged as event 2108; the entry is never requested again. Default
    /// <see cref="DefaultAccessReadRetry"/> (6 retries, 50 ms doubling to at most 1 s, with jitter: about 2.5 s
    /// in all); null or <c>MaxRetryAttempts = 0</c> turns it off.
    /// </summary>
    public BoundedRetryOptions? AccessReadRetry { get; init; } = DefaultAccessReadRetry;

    /// <summary>The default <see cref="AccessReadRetry"/>: 6 retries, 50 ms doubling to at most 1 s, with jitter.</summary>
    public static BoundedRetryOptions DefaultAccessReadRetry { get; } = new()
    {
        MaxRetryAttempts = 6,
        Delay = TimeSpan.FromMilliseconds(50),
        MaxDelay = TimeSpan.FromSeconds(1),
    };

    /// <summary>
    /// Where the client logs (event ids 2100-2199): each call at Debug, resubmits at Information, newly verified history roots at
    /// Information, proof failures and rewritten histories at Warning. Messages carry ids and tree sizes,
    /// never record contents. Used by this client only; the gateway logs through its own options.
    /// Default <see cref="NullLoggerFactory.Instance"/>; null also means no logging.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
