using System.Text;

namespace Hyperledger.Fabric.Shim.Testing;

/// <summary>
/// Runs a chaincode's functions against an <see cref="InMemoryLedger"/> the way a peer would: the
/// arguments go through the chaincode's own entry point (for a <see cref="Contracts.ContractRouter"/>
/// that means routing and JSON marshalling), any exception becomes a 500 response, and a submit
/// commits only when the response succeeded; an evaluate never commits.
/// </summary>
public sealed class ChaincodeTester
{
    private readonly IChaincode _chaincode;

    /// <summary>Tests <paramref name="chaincode"/> on <paramref name="ledger"/> (a new empty ledger by default).</summary>
    public ChaincodeTester(IChaincode chaincode, InMemoryLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(chaincode);
        _chaincode = chaincode;
        Ledger = ledger ?? new InMemoryLedger();
    }

    /// <summary>The ledger transactions run against.</summary>
    public InMemoryLedger Ledger { get; }

    /// <summary>Submits <paramref name="function"/> with string arguments, with no creator.</summary>
    public Task<InMemoryTransactionResult> SubmitAsync(string function, params string[] args) => SubmitAsync(null, function, args);

    /// <summary>Submits <paramref name="function"/> with string arguments as configured by <paramref name="options"/>.</summary>
    public Task<InMemoryTransactionResult> SubmitAsync(InMemoryTransactionOptions? options, string function, params string[] args) =>
        RunAsync(Encode(function, args), options, commit: true, init: false);

    /// <summary>Evaluates <paramref name="function"/> (never commits).</summary>
    public Task<InMemoryTransactionResult> EvaluateAsync(string function, params string[] args) => EvaluateAsync(null, function, args);

    /// <summary>Evaluates <paramref name="function"/> as configured by <paramref name="options"/> (never commits).</summary>
    public Task<InMemoryTransactionResult> EvaluateAsync(InMemoryTransactionOptions? options, string function, params string[] args) =>
        RunAsync(Encode(function, args), options, commit: false, init: false);

    /// <summary>Runs raw arguments (function name first) as INIT or TRANSACTION; commits when <paramref name="commit"/> and successful.</summary>
    public async Task<InMemoryTransactionResult> RunAsync(IReadOnlyList<byte[]> args, InMemoryTransactionOptions? options, bool commit, bool init)
    {
        var stub = Ledger.CreateStub(args, options);
        ChaincodeResponse response;
        try
        {
            response = init
                ? await _chaincode.InitAsync(stub).ConfigureAwait(false)
                : await _chaincode.InvokeAsync(stub).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The shim does the same: an escaped exception is a failed transaction, not a crash.
            response = ChaincodeResponse.Error(e.Message);
        }

        var committed = commit && response.IsSuccess;
        if (committed)
        {
            Ledger.Commit(stub);
        }
        else
        {
            stub.Discard();
        }

        return new InMemoryTransactionResult(stub.TxId, response, stub.Event, committed);
    }

    private static byte[][] Encode(string function, string[] args)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(args);
        return [Encoding.UTF8.GetBytes(function), .. args.Select(a => Encoding.UTF8.GetBytes(a))];
    }
}
