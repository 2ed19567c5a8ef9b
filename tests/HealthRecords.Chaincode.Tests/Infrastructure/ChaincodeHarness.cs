using System.Text;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Shim.Contracts;
using Hyperledger.Fabric.Shim.Testing;

namespace HealthRecords.Chaincode.Tests.Infrastructure;

/// <summary>
/// Runs the chaincode the process hosts (<see cref="HealthRecordsChaincode.CreateRouter"/>) on the
/// in-memory ledger the way a peer does: arguments as raw bytes through the router's entry point,
/// the creator's serialized identity in the proposal, the write set collected, and a commit only
/// for a successful submit.
/// </summary>
internal sealed class ChaincodeHarness
{
    public ChaincodeHarness(InMemoryLedger? ledger = null)
    {
        Ledger = ledger ?? new InMemoryLedger("healthchannel");
    }

    public ContractRouter Router { get; } = HealthRecordsChaincode.CreateRouter();

    public InMemoryLedger Ledger { get; }

    public Task<TxOutcome> SubmitAsync(X509Identity? creator, string function, string requestJson) =>
        RunAsync(Args(function, requestJson), Options(creator), commit: true);

    public Task<TxOutcome> EvaluateAsync(X509Identity? creator, string function, string requestJson) =>
        RunAsync(Args(function, requestJson), Options(creator), commit: false);

    /// <summary>Submits and fails the test unless it succeeded.</summary>
    public async Task<TxOutcome> SubmitOkAsync(X509Identity creator, string function, string requestJson)
    {
        var outcome = await SubmitAsync(creator, function, requestJson);
        Assert.True(outcome.IsSuccess, $"{function} failed: {outcome.Status} {outcome.Message}");
        Assert.True(outcome.Committed);
        return outcome;
    }

    /// <summary>Evaluates and fails the test unless it succeeded.</summary>
    public async Task<TxOutcome> EvaluateOkAsync(X509Identity creator, string function, string requestJson)
    {
        var outcome = await EvaluateAsync(creator, function, requestJson);
        Assert.True(outcome.IsSuccess, $"{function} failed: {outcome.Status} {outcome.Message}");
        return outcome;
    }

    /// <summary>Runs raw arguments (function name first) as one transaction.</summary>
    public async Task<TxOutcome> RunAsync(IReadOnlyList<byte[]> args, InMemoryTransactionOptions options, bool commit)
    {
        var stub = Ledger.CreateStub(args, options);
        var response = await Router.InvokeAsync(stub).WaitAsync(TestSupport.TestTimeouts.Short);
        var writes = stub.Writes.OrderBy(w => w.Key, StringComparer.Ordinal).ToArray();
        var @event = stub.Event;
        var committed = commit && response.IsSuccess;
        if (committed)
        {
            Ledger.Commit(stub);
        }
        else
        {
            stub.Discard();
        }

        return new TxOutcome(stub.TxId, response, writes, @event, committed);
    }

    public static byte[][] Args(string function, params string[] args) =>
        [Encoding.UTF8.GetBytes(function), .. args.Select(a => Encoding.UTF8.GetBytes(a))];

    public static InMemoryTransactionOptions Options(X509Identity? creator) => new() { Creator = creator };
}
