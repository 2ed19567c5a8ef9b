using Hyperledger.Fabric.Gateway;
using HealthRecords.Client.Internal;
using HealthRecords.Client.Proofs;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthRecords.Client;

/// <summary>
/// The typed health-records API: one async method per chaincode function, taking and returning the
/// domain's immutable contract records. Writing functions are submitted (endorsed, ordered, committed
/// before the method returns); queries are evaluated, or sent as verifiable reads when
/// <see cref="HealthRecordsClientOptions.VerifiedReads"/> is set. Every proof in a response is verified
/// before the response is returned, and with a <see cref="HealthRecordsClientOptions.RootStore"/> every
/// root is linked to the last verified one by a consistency proof.
/// </summary>
/// <remarks>
/// Chaincode refusals surface as <see cref="HealthRecordsException"/>; transport and ordering failures as
/// the gateway's exceptions (<see cref="GatewayException"/> and subclasses, <see cref="CommitException"/>);
/// proof failures as <see cref="ProofVerificationException"/>; a malformed response as
/// <see cref="InvalidDataException"/>. <see cref="OperationCanceledException"/> is never wrapped.
/// Thread-safe.
/// </remarks>
public sealed partial class HealthRecordsClient : IDisposable
{
    private readonly HealthRecordsClientOptions _options;
    private readonly HistoryRootTracker? _tracker;
    private readonly IDisposable? _owned;
    private readonly ILogger _logger;

    /// <summary>Creates a client over a contract the caller owns (the client never disposes it).</summary>
    /// <param name="contract">The <c>healthrecords</c> chaincode on its channel.</param>
    /// <param name="options">What to verify; null for the defaults.</param>
    public HealthRecordsClient(IContract contract, HealthRecordsClientOptions? options = null)
        : this(contract, options, owned: null)
    {
    }

    /// <summary>Creates a client for <see cref="HealthRecordsClientOptions.ChaincodeName"/> on <paramref name="network"/>.</summary>
    /// <param name="network">The channel (the caller owns its gateway).</param>
    /// <param name="options">Chaincode name and what to verify; null for the defaults.</param>
    public HealthRecordsClient(INetwork network, HealthRecordsClientOptions? options = null)
        : this((network ?? throw new ArgumentNullException(nameof(network))).GetContract((options ?? new()).ChaincodeName), options, owned: null)
    {
    }

    internal HealthRecordsClient(IContract contract, HealthRecordsClientOptions? options, IDisposable? owned)
    {
        ArgumentNullException.ThrowIfNull(contract);
        Contract = contract;
        _options = options ?? new HealthRecordsClientOptions();
        _owned = owned;
        _logger = (_options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<HealthRecordsClient>();
        if (_options.RootStore is not null)
        {
            _tracker = new HistoryRootTracker(_options.RootStore, _logger, (request, ct) => EvaluateAsync<HistoryConsistencyRequest, HistoryConsistencyResponse>(Functions.GetHistoryConsistency, request, verifiable: false, ct));
        }
    }

    /// <summary>The contract every call goes to.</summary>
    public IContract Contract { get; }

    /// <summary>The options in force.</summary>
    public HealthRecordsClientOptions Options => _options;

    /// <summary>Disposes the gateway if this client created it (<see cref="Connect(string, string, HealthRecordsClientOptions?)"/>); idempotent.</summary>
    public void Dispose()
    {
        _tracker?.Dispose();
        _owned?.Dispose();
    }

    private async Task<TResponse> SubmitAsync<TRequest, TResponse>(string function, TRequest request, CancellationToken cancellationToken) =>
        (await SubmitWithResultAsync<TRequest, TResponse>(function, request, cancellationToken).ConfigureAwait(false)).Response;

    private async Task<TResponse> EvaluateAsync<TRequest, TResponse>(
        string function, TRequest request, bool verifiable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[][] arguments = [HealthRecordsJson.Serialize(request)];
        ReadOnlyMemory<byte> result;
        try
        {
            if (verifiable && _options.VerifiedReads is { } verified)
            {
                result = await VerifiedReadAsync(function, arguments, verified, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                HealthRecordsClientLog.Calling(_logger, function, "evaluate");
                result = await Contract.EvaluateTransactionAsync(function, arguments, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (GatewayException e) when (ChaincodeErrorParser.TryMap(e, function) is { } mapped)
        {
            HealthRecordsClientLog.ChaincodeError(_logger, function, mapped.Code, mapped.TransactionId);
            throw mapped;
        }

        return ResponseJson.Parse<TResponse>(result, function);
    }

    /// <summary>
    /// A verifiable read, read again as a new proposal while the organisations' peers disagree (one has not
    /// committed a block the other has), within <see cref="HealthRecordsClientOptions.VerifiedReadRetry"/>; the
    /// last disagreement is thrown unchanged.
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> VerifiedReadAsync(string function, byte[][] arguments, VerifiedReadOptions verified, CancellationToken cancellationToken)
    {
        return await BoundedRetry.RunAsync(
            _options.VerifiedReadRetry,
            async (_, token) =>
            {
                HealthRecordsClientLog.Calling(_logger, function, "verifiable read");
                var read = await Contract.EvaluateVerifiedAsync(function, arguments, verified, token).ConfigureAwait(false);
                HealthRecordsClientLog.VerifiedRead(_logger, function, read.TransactionId);
                return read.Result;
            },
            e => e is EndorseException && GatewayRetryPredicates.IsEndorsementMismatch(e),
            r => HealthRecordsClientLog.VerifiedReadDisagreed(_logger, function, FailedTransactionId(r.Failure), r.Retry + 1, (long)r.Delay.TotalMilliseconds),
            cancellationToken).ConfigureAwait(false);
    }

    private Task TrackAsync(HistoryAppend history, CancellationToken cancellationToken) =>
        TrackAsync(history.PatientId, history.TreeSize, history.RootHash, cancellationToken);

    private Task TrackAsync(HistoryProof proof, CancellationToken cancellationToken) =>
        TrackAsync(proof.PatientId, proof.TreeSize, proof.RootHash, cancellationToken);

    /// <summary>Links a root the client just saw to the stored verified root, when a store is configured.</summary>
    private async Task TrackAsync(string patientId, long treeSize, string rootHash, CancellationToken cancellationToken)
    {
        if (_tracker is not null)
        {
            await _tracker.AcceptAsync(patientId, treeSize, rootHash, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Logs a proof that failed in <paramref name="function"/> and returns the exception to throw.</summary>
    private ProofVerificationException ProofFailed(string function, ProofVerificationException error, long? treeSize)
    {
        HealthRecordsClientLog.ProofVerificationFailed(_logger, function, error.PatientId, treeSize);
        return error;
    }

    /// <summary>Runs a proof check, logging its failure (ids and size only) before it propagates.</summary>
    private void Verify(string function, HistoryProof proof, Action<HistoryProof> check)
    {
        try
        {
            check(proof);
        }
        catch (ProofVerificationException e)
        {
            HealthRecordsClientLog.ProofVerificationFailed(_logger, function, string.IsNullOrEmpty(e.PatientId) ? proof.PatientId : e.PatientId, proof.TreeSize);
            throw;
        }
    }
}
