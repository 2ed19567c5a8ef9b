namespace Hyperledger.Fabric.Gateway;

/// <summary>What a proposal carries besides the transaction name (<see cref="IContract.NewProposal"/>).</summary>
public sealed record ProposalOptions
{
    /// <summary>The transaction's arguments. Default none.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Arguments { get; init; } = [];

    /// <summary>
    /// Private data passed to the chaincode but not recorded on the ledger (Fabric's transient map).
    /// Default none.
    /// </summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>> TransientData { get; init; } = new Dictionary<string, ReadOnlyMemory<byte>>();

    /// <summary>
    /// The organisations (MSP ids) whose peers must endorse, overriding the gateway's choice from the
    /// endorsement policy (for private data or state-based endorsement). For an evaluate, the
    /// organisations whose peers may run the query. Default none: the gateway decides.
    /// </summary>
    public IReadOnlyList<string> EndorsingOrganizations { get; init; } = [];

    /// <summary>
    /// Deadline and headers for every call the <see cref="IContract"/> methods make with these options
    /// (evaluate; or endorse, submit and commit status); an absolute deadline therefore bounds the whole flow.
    /// The step methods take their own. Null for the defaults. Default null.
    /// </summary>
    public GatewayCallOptions? CallOptions { get; init; }

    /// <summary>Sets <see cref="Arguments"/> from UTF-8 strings.</summary>
    /// <param name="arguments">The arguments.</param>
    /// <returns>A copy with the arguments.</returns>
    public ProposalOptions WithArguments(params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return this with { Arguments = arguments.Select(a => (ReadOnlyMemory<byte>)System.Text.Encoding.UTF8.GetBytes(a)).ToList() };
    }
}
