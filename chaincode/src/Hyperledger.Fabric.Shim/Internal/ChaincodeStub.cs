using System.Text;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Internal;

/// <summary>
/// The stub of one transaction on a Connect stream. Calls are requests to the peer, except that a key
/// read once is answered from this transaction's read cache, and writes wait for the end of the
/// transaction when the peer offered write batching.
/// </summary>
internal sealed partial class ChaincodeStub : IChaincodeStub
{
    private const string ValidationParameterKey = "VALIDATION_PARAMETER";

    private readonly ChaincodeStreamHandler _handler;
    private readonly InFlightTransaction _transaction;
    private readonly ProposalDetails _proposal;
    private readonly Lazy<ClientIdentity> _clientIdentity;
    private readonly PeerFeatures _features;
    private readonly Lock _eventGate = new();
    private readonly ChaincodeInput _input;
    private ChaincodeEvent? _event;
    private IReadOnlyList<string>? _stringArgs;
    private IReadOnlyDictionary<string, byte[]>? _decorations;

    public ChaincodeStub(ChaincodeStreamHandler handler, InFlightTransaction transaction, ChaincodeInput input, SignedProposal? signedProposal, ProposalDetails proposal, PeerFeatures features)
    {
        _handler = handler;
        _transaction = transaction;
        _proposal = proposal;
        _features = features;
        SignedProposal = signedProposal;
        Args = input.Args.Select(a => a.ToByteArray()).ToArray();
        _input = input;
        _clientIdentity = new Lazy<ClientIdentity>(CreateClientIdentity);
    }

    public string TxId => _transaction.TxId;

    public string ChannelId => _transaction.ChannelId;

    public IReadOnlyList<byte[]> Args { get; }

    // Decoded on first use: a put-only function never reads decorations, and copying them cost every transaction.
    public IReadOnlyList<string> StringArgs => _stringArgs ??= Args.Select(a => Encoding.UTF8.GetString(a)).ToArray();

    public IReadOnlyDictionary<string, byte[]> Decorations =>
        _decorations ??= _input.Decorations.ToDictionary(e => e.Key, e => e.Value.ToByteArray(), StringComparer.Ordinal);

    public SignedProposal? SignedProposal { get; }

    public ReadOnlyMemory<byte> Creator => _proposal.Creator;

    public ClientIdentity ClientIdentity => _clientIdentity.Value;

    public IReadOnlyDictionary<string, byte[]> Transient => _proposal.Transient;

    public ReadOnlyMemory<byte> Binding => _proposal.Binding;

    public DateTimeOffset TxTimestamp => _proposal.Timestamp;

    public CancellationToken CancellationToken => _transaction.CancellationToken;

    /// <summary>The event to send with COMPLETED, if the chaincode set one.</summary>
    public ChaincodeEvent? Event
    {
        get { lock (_eventGate) { return _event; } }
    }

    public (string Function, IReadOnlyList<string> Parameters) GetFunctionAndParameters() =>
        StringArgs.Count == 0 ? (string.Empty, Array.Empty<string>()) : (StringArgs[0], StringArgs.Skip(1).ToArray());

    public string CreateCompositeKey(string objectType, IReadOnlyList<string> attributes) => CompositeKey.Create(objectType, attributes);

    public (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey) => CompositeKey.Split(compositeKey);

    public void SetEvent(string name, ReadOnlyMemory<byte> payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _transaction.ThrowIfClosed("SetEvent");
        lock (_eventGate)
        {
            _event = new ChaincodeEvent { EventName = name, Payload = ByteString.CopyFrom(payload.Span) };
        }
    }

    public async Task<ChaincodeResponse> InvokeChaincodeAsync(string chaincodeName, IReadOnlyList<byte[]> args, string? channel = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(chaincodeName);
        ArgumentNullException.ThrowIfNull(args);
        var target = string.IsNullOrEmpty(channel) ? chaincodeName : chaincodeName + "/" + channel;
        var input = new ChaincodeInput();
        input.Args.AddRange(args.Select(a => ByteString.CopyFrom(a)));
        var spec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = target }, Input = input };
        var payload = await CallAsync(MessageType.InvokeChaincode, spec, cancellationToken).ConfigureAwait(false);

        // The peer wraps the callee's outcome in a ChaincodeMessage: COMPLETED carries its Response.
        var inner = ChaincodeMessage.Parser.ParseFrom(payload);
        if (inner.Type != MessageType.Completed)
        {
            return ChaincodeResponse.Error(inner.Payload.ToStringUtf8());
        }

        var response = Response.Parser.ParseFrom(inner.Payload);
        return new ChaincodeResponse(response.Status, response.Message, response.Payload.ToByteArray());
    }

    private Task<ByteString> CallAsync(MessageType type, IMessage payload, CancellationToken cancellationToken) =>
        _handler.CallPeerAsync(_transaction, type, payload, cancellationToken);

    private ClientIdentity CreateClientIdentity()
    {
        if (_proposal.Creator.Length == 0)
        {
            throw new InvalidOperationException("the transaction has no signed proposal, so no client identity");
        }

        return ClientIdentityCache.Get(_proposal.Creator);
    }

    private static byte[]? NullIfEmpty(ByteString value) => value.IsEmpty ? null : value.ToByteArray();

    private static void RequireCollection(string collection)
    {
        if (string.IsNullOrEmpty(collection))
        {
            throw new ArgumentException("collection must not be an empty string", nameof(collection));
        }
    }
}
