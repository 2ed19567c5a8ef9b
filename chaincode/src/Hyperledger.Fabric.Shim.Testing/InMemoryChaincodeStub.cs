using System.Text;
using Hyperledger.Fabric.Shim.Testing.Internal;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Shim.Testing;

/// <summary>
/// An <see cref="IChaincodeStub"/> over an <see cref="InMemoryLedger"/>, behaving like a peer's
/// transaction simulator: reads see committed state only, writes are buffered until
/// <see cref="InMemoryLedger.Commit"/>, queries come back in UTF-8 key order, paginated queries and
/// writes exclude each other, and a finished transaction refuses further calls.
/// </summary>
public sealed partial class InMemoryChaincodeStub : IChaincodeStub
{
    private const string ValidationParameterKey = "VALIDATION_PARAMETER";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, byte[]?> _writes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Collection, string Key), byte[]?> _privateWrites = [];
    private readonly Dictionary<(string Collection, string Key), Dictionary<string, byte[]>> _metadataWrites = [];
    private readonly byte[] _creator;
    private readonly ClientIdentity? _clientIdentity;
    private readonly byte[] _binding;
    private InMemoryChaincodeEvent? _event;
    private bool _paginatedQueryPerformed;
    private string? _finished;

    internal InMemoryChaincodeStub(InMemoryLedger ledger, IReadOnlyList<byte[]> args, InMemoryTransactionOptions options, long sequence, DateTimeOffset timestamp)
    {
        Ledger = ledger;
        Args = args.Select(a => a.ToArray()).ToArray();
        StringArgs = Args.Select(a => Encoding.UTF8.GetString(a)).ToArray();
        Transient = options.Transient is null
            ? new Dictionary<string, byte[]>(StringComparer.Ordinal)
            : new Dictionary<string, byte[]>(options.Transient, StringComparer.Ordinal);
        _creator = options.Creator?.ToSerializedIdentity() ?? [];
        _clientIdentity = options.Creator is null ? null : new ClientIdentity(options.Creator);
        TxTimestamp = timestamp;
        (TxId, SignedProposal, _binding) = InMemoryProposal.Build(ledger.ChannelId, Args, _creator, Transient, sequence, options.TxId, timestamp);
    }

    /// <summary>The ledger this transaction reads and commits to.</summary>
    public InMemoryLedger Ledger { get; }

    /// <inheritdoc />
    public string TxId { get; }

    /// <inheritdoc />
    public string ChannelId => Ledger.ChannelId;

    /// <inheritdoc />
    public IReadOnlyList<byte[]> Args { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> StringArgs { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, byte[]> Decorations { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <inheritdoc />
    public SignedProposal? SignedProposal { get; }

    /// <inheritdoc />
    public ReadOnlyMemory<byte> Creator => _creator;

    /// <inheritdoc />
    public ClientIdentity ClientIdentity => _clientIdentity ?? throw new InvalidOperationException("the transaction has no creator: set InMemoryTransactionOptions.Creator");

    /// <inheritdoc />
    public IReadOnlyDictionary<string, byte[]> Transient { get; }

    /// <inheritdoc />
    public ReadOnlyMemory<byte> Binding => _binding;

    /// <inheritdoc />
    public DateTimeOffset TxTimestamp { get; }

    /// <inheritdoc />
    public CancellationToken CancellationToken => CancellationToken.None;

    /// <summary>The public writes so far, in order; a null value is a delete.</summary>
    public IReadOnlyDictionary<string, byte[]?> Writes
    {
        get { lock (_gate) { return new Dictionary<string, byte[]?>(_writes, StringComparer.Ordinal); } }
    }

    /// <summary>The private writes so far; a null value is a delete or purge.</summary>
    public IReadOnlyDictionary<(string Collection, string Key), byte[]?> PrivateWrites
    {
        get { lock (_gate) { return new Dictionary<(string, string), byte[]?>(_privateWrites); } }
    }

    /// <summary>The event set so far, if any.</summary>
    public InMemoryChaincodeEvent? Event
    {
        get { lock (_gate) { return _event; } }
    }

    /// <summary>True once the transaction was committed or discarded.</summary>
    public bool IsFinished
    {
        get { lock (_gate) { return _finished is not null; } }
    }

    /// <inheritdoc />
    public (string Function, IReadOnlyList<string> Parameters) GetFunctionAndParameters() =>
        StringArgs.Count == 0 ? (string.Empty, Array.Empty<string>()) : (StringArgs[0], StringArgs.Skip(1).ToArray());

    /// <inheritdoc />
    public string CreateCompositeKey(string objectType, IReadOnlyList<string> attributes) => CompositeKey.Create(objectType, attributes);

    /// <inheritdoc />
    public (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey) => CompositeKey.Split(compositeKey);

    /// <inheritdoc />
    public void SetEvent(string name, ReadOnlyMemory<byte> payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            ThrowIfFinished();
            _event = new InMemoryChaincodeEvent(TxId, name, payload.ToArray());
        }
    }

    /// <summary>Not available in memory: chaincode-to-chaincode calls need a peer.</summary>
    public Task<ChaincodeResponse> InvokeChaincodeAsync(string chaincodeName, IReadOnlyList<byte[]> args, string? channel = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the in-memory stub cannot invoke other chaincodes");

    /// <summary>Ends the transaction without committing: its writes are dropped, as the peer drops a failed transaction's.</summary>
    public void Discard() => Finish(committed: false);

    internal WriteSet Finish(bool committed)
    {
        lock (_gate)
        {
            ThrowIfFinished();
            _finished = committed ? "committed" : "discarded";
            return new WriteSet(_writes.ToArray(), _privateWrites.ToArray(), _metadataWrites.ToArray(), _event);
        }
    }

    private void ThrowIfFinished()
    {
        if (_finished is not null)
        {
            throw new InvalidOperationException($"the transaction {TxId} was already {_finished}");
        }
    }

    private static void RequireCollection(string collection)
    {
        if (string.IsNullOrEmpty(collection))
        {
            throw new ArgumentException("collection must not be an empty string", nameof(collection));
        }
    }
}
