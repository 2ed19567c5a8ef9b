using Google.Protobuf;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// The channel's <c>_lifecycle</c> namespace as the dev network has it: every chaincode definition is
/// committed at genesis, sequence 1, version {block 0, tx 0}, and never changes. Fabric's endorser reads
/// <c>namespaces/fields/&lt;name&gt;/Sequence</c> through the transaction simulator for each chaincode it
/// runs, so the read joins the read-write set and MVCC invalidates the transaction if the definition
/// was upgraded meanwhile. This view answers that namespace over the committed state, so the
/// validator's ordinary MVCC check accepts the genesis version and nothing else.
/// </summary>
internal sealed class LifecycleState : ILedgerSnapshot
{
    /// <summary>The lifecycle system chaincode's namespace.</summary>
    public const string Namespace = "_lifecycle";

    /// <summary>Every dev-network definition's sequence.</summary>
    public const long Sequence = 1;

    /// <summary>The version every definition was committed at: block 0 (the config block), tx 0.</summary>
    public static readonly StateVersion GenesisVersion = new(0, 0);

    private static readonly IReadOnlyDictionary<string, ByteString> NoMetadata = new Dictionary<string, ByteString>();

    private readonly ILedgerSnapshot _state;
    private readonly SortedDictionary<string, VersionedValue> _definitions;

    public LifecycleState(ILedgerSnapshot state, IEnumerable<string> chaincodeNames)
    {
        _state = state;
        _definitions = new SortedDictionary<string, VersionedValue>(KeyOrder.Instance);
        foreach (var name in chaincodeNames)
        {
            _definitions[SequenceKey(name)] = SequenceValue;
        }
    }

    /// <summary>What the sequence key holds: Fabric's <c>lifecycle.StateData{Int64: sequence}</c>.</summary>
    public static VersionedValue SequenceValue { get; } = new(EncodeSequence(Sequence), GenesisVersion, NoMetadata);

    public ulong Height => _state.Height;

    /// <summary>Fabric's key for a definition's sequence (its other fields live beside it, unread by endorsement).</summary>
    public static string SequenceKey(string chaincodeName) => $"namespaces/fields/{chaincodeName}/Sequence";

    public VersionedValue? GetState(string ns, string key) =>
        ns == Namespace ? _definitions.GetValueOrDefault(key) : _state.GetState(ns, key);

    public IEnumerable<StateEntry> GetStateRange(string ns, string startKey, string endKey)
    {
        if (ns != Namespace)
        {
            return _state.GetStateRange(ns, startKey, endKey);
        }

        var order = KeyOrder.Instance;
        return _definitions
            .Where(d => order.Compare(d.Key, startKey) >= 0 && (endKey.Length == 0 || order.Compare(d.Key, endKey) < 0))
            .Select(d => new StateEntry(d.Key, d.Value));
    }

    public IReadOnlyList<KeyHistoryEntry> GetHistory(string ns, string key) => _state.GetHistory(ns, key);

    private static ByteString EncodeSequence(long sequence)
    {
        // StateData's oneof field 1 (int64): tag 0x08, then the varint.
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteInt64(sequence);
        output.Flush();
        return ByteString.CopyFrom(buffer.ToArray());
    }
}
