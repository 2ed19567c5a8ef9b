using Hyperledger.Fabric.Gateway;
using HealthRecords.Domain.Tests.Support;
using GrpcStatus = Grpc.Core.Status;
using GrpcStatusCode = Grpc.Core.StatusCode;

namespace HealthRecords.Client.Tests.Support;

/// <summary>
/// Two peers at the gateway boundary: submits go to the up-to-date one (which reports the commit), and
/// the next <see cref="StaleEvaluatesPerSubmit"/> evaluates reach a peer that has not applied that block
/// yet (the committed state as it was before the submit), as a lagging Fabric peer would answer them.
/// </summary>
public sealed class LaggingPeerContract(DomainContract current) : IContract
{
    private InMemoryLedger? _before;
    private int _staleLeft;

    /// <summary>How many evaluates after each submit the lagging peer answers before it catches up.</summary>
    public int StaleEvaluatesPerSubmit { get; set; }

    /// <summary>
    /// When set, the lagging peer answers with this chaincode refusal (<c>CODE: message</c>) instead of running the
    /// domain on the old state: tests vary the wording and the reason token independently.
    /// </summary>
    public string? StaleRefusal { get; set; }

    /// <summary>Every evaluate, with whether the lagging peer answered it.</summary>
    public List<(string Function, bool Stale)> Evaluates { get; } = [];

    public string ChaincodeName => current.ChaincodeName;

    public string? ContractName => current.ContractName;

    public Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, params string[] arguments) => current.EvaluateTransactionAsync(name, arguments);

    public Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, string[] arguments, CancellationToken cancellationToken) =>
        current.EvaluateTransactionAsync(name, arguments, cancellationToken);

    public Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, byte[][] arguments, CancellationToken cancellationToken = default)
    {
        var stale = _staleLeft > 0 && _before is not null;
        Evaluates.Add((name, stale));
        if (!stale)
        {
            return current.EvaluateTransactionAsync(name, arguments, cancellationToken);
        }

        _staleLeft--;
        if (StaleRefusal is not null)
        {
            var peerMessage = "chaincode response 404, " + StaleRefusal;
            throw new GatewayException(
                GatewayOperation.Evaluate,
                new GrpcStatus(GrpcStatusCode.Unknown, "evaluate call to endorser returned error: " + peerMessage),
                [new ErrorDetail("peer0.org2.example.com:9051", "Org2MSP", peerMessage)]);
        }

        return new DomainContract(_before!, current.Caller).EvaluateTransactionAsync(name, arguments, cancellationToken);
    }

    public Task<ReadOnlyMemory<byte>> EvaluateAsync(string name, ProposalOptions? options = null, CancellationToken cancellationToken = default) =>
        current.EvaluateAsync(name, options, cancellationToken);

    public Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, params string[] arguments) => current.SubmitTransactionAsync(name, arguments);

    public Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, string[] arguments, CancellationToken cancellationToken) =>
        current.SubmitTransactionAsync(name, arguments, cancellationToken);

    public async Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, byte[][] arguments, CancellationToken cancellationToken = default)
    {
        var before = current.World.Snapshot();
        var result = await current.SubmitTransactionAsync(name, arguments, cancellationToken).ConfigureAwait(false);
        (_before, _staleLeft) = (before, StaleEvaluatesPerSubmit);
        return result;
    }

    public Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, ProposalOptions options, CancellationToken cancellationToken = default) =>
        current.SubmitTransactionAsync(name, options, cancellationToken);

    public Task<ISubmittedTransaction> SubmitAsync(string name, ProposalOptions? options = null, CancellationToken cancellationToken = default) =>
        current.SubmitAsync(name, options, cancellationToken);

    public IProposal NewProposal(string name, ProposalOptions? options = null) => current.NewProposal(name, options);

    public Task<VerifiedReadResult> EvaluateVerifiedAsync(string name, string[] arguments, VerifiedReadOptions options, CancellationToken cancellationToken = default) =>
        current.EvaluateVerifiedAsync(name, arguments, options, cancellationToken);

    public Task<VerifiedReadResult> EvaluateVerifiedAsync(string name, byte[][] arguments, VerifiedReadOptions options, CancellationToken cancellationToken = default) =>
        current.EvaluateVerifiedAsync(name, arguments, options, cancellationToken);
}
