using Hyperledger.Fabric.Gateway;
using HealthRecords.Domain;
using HealthRecords.Domain.Ports;
using HealthRecords.Domain.Tests.Support;
using GrpcStatus = Grpc.Core.Status;
using GrpcStatusCode = Grpc.Core.StatusCode;

namespace HealthRecords.Client.Tests.Support;

/// <summary>
/// An <see cref="IContract"/> that runs the real domain dispatcher on a <see cref="InMemoryLedger"/>, for
/// tests of the typed client without a network: evaluates run without committing, submits commit on
/// success, and chaincode refusals come back the way a Fabric gateway reports them (the chaincode's
/// <c>CODE: message</c> wrapped in the peer's text, in the status and the per-endpoint details). The
/// network tests use the real gateway against the dev network.
/// </summary>
public sealed class DomainContract : IContract
{
    private readonly HealthRecordsDispatcher _dispatcher = new();

    public DomainContract(InMemoryLedger world, Caller caller)
    {
        World = world;
        Caller = caller;
    }

    /// <summary>The ledger behind the contract; swap it to simulate a rewritten history.</summary>
    public InMemoryLedger World { get; set; }

    /// <summary>Who calls (as a certificate would say).</summary>
    public Caller Caller { get; set; }

    /// <summary>Rewrites a response before the client sees it (function, response) -> response.</summary>
    public Func<string, byte[], byte[]>? Tamper { get; set; }

    /// <summary>Every call: function and whether it was evaluate, submit or verified read.</summary>
    public List<(string Function, string Kind)> Calls { get; } = [];

    public string ChaincodeName => "healthrecords";

    public string? ContractName => null;

    public Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, params string[] arguments) =>
        throw new NotSupportedException("The typed client sends byte arguments.");

    public Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, string[] arguments, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The typed client sends byte arguments.");

    public Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, byte[][] arguments, CancellationToken cancellationToken = default) =>
        RunAsync(name, arguments, "evaluate", cancellationToken);

    public Task<ReadOnlyMemory<byte>> EvaluateAsync(string name, ProposalOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The typed client sends byte arguments.");

    public Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, params string[] arguments) =>
        throw new NotSupportedException("The typed client sends byte arguments.");

    public Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, string[] arguments, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The typed client sends byte arguments.");

    public Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, byte[][] arguments, CancellationToken cancellationToken = default) =>
        RunAsync(name, arguments, "submit", cancellationToken);

    public Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, ProposalOptions options, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The typed client sends byte arguments.");

    public Task<ISubmittedTransaction> SubmitAsync(string name, ProposalOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The typed client waits for the commit.");

    public IProposal NewProposal(string name, ProposalOptions? options = null) =>
        throw new NotSupportedException("Proposals need a real gateway.");

    public Task<VerifiedReadResult> EvaluateVerifiedAsync(string name, string[] arguments, VerifiedReadOptions options, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The typed client sends byte arguments.");

    public async Task<VerifiedReadResult> EvaluateVerifiedAsync(string name, byte[][] arguments, VerifiedReadOptions options, CancellationToken cancellationToken = default)
    {
        // No endorsements exist without peers: this only lets tests see that the client chose a verifiable read.
        var result = await RunAsync(name, arguments, "verified", cancellationToken);
        return new VerifiedReadResult("verified-read", result, []);
    }

    private async Task<ReadOnlyMemory<byte>> RunAsync(string name, byte[][] arguments, string kind, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add((name, kind));
        var tx = World.Begin(Caller);
        byte[] result;
        try
        {
            result = await _dispatcher.InvokeAsync(tx, name, arguments.Length == 1 ? arguments[0] : [], cancellationToken);
        }
        catch (DomainException e)
        {
            var peerMessage = $"chaincode response 500, {e.Code}: {e.Message}";
            var details = new[] { new ErrorDetail("peer0.org1.example.com:7051", "Org1MSP", peerMessage) };
            if (kind == "submit")
            {
                throw new EndorseException(tx.TxId, new GrpcStatus(GrpcStatusCode.Aborted, "failed to endorse transaction, see attached details for more info"), details);
            }

            throw new GatewayException(GatewayOperation.Evaluate, new GrpcStatus(GrpcStatusCode.Unknown, "evaluate call to endorser returned error: " + peerMessage), details);
        }

        if (kind == "submit")
        {
            World.Commit(tx);
        }

        return Tamper is null ? result : Tamper(name, result);
    }
}
