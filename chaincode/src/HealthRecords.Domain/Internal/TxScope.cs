using System.Runtime.CompilerServices;
using System.Text.Json;
using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain.Internal;

/// <summary>
/// One call of the service inside one transaction: the caller, the normalised transaction time,
/// typed state access in canonical JSON, the patients' history logs, and the single event.
/// </summary>
internal sealed class TxScope
{
    private readonly Dictionary<string, PatientHistory> _histories = new(StringComparer.Ordinal);
    private bool _eventSet;

    public TxScope(ITransactionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.TxId) || context.Caller is null || context.Ledger is null)
        {
            throw new ArgumentException("The transaction context needs a tx id, a caller and a ledger.", nameof(context));
        }

        TxId = context.TxId;
        Now = Rfc3339.Normalize(context.Timestamp);
        Caller = context.Caller;
        // Reads see committed state only, so a key's first answer holds for the whole call.
        Ledger = new ReadOnceLedger(context.Ledger);
        Binding = context.Binding;
        Actor = new ActorRef(Caller.MspId, Caller.Id, RoleNames.ToName(Caller.Role));
        CancellationToken = cancellationToken;
    }

    public string TxId { get; }

    public DateTimeOffset Now { get; }

    public Caller Caller { get; }

    public ILedger Ledger { get; }

    public ReadOnlyMemory<byte> Binding { get; }

    public ActorRef Actor { get; }

    public CancellationToken CancellationToken { get; }

    public async Task<T?> GetAsync<T>(string objectType, params string[] attributes)
        where T : class
    {
        var bytes = await Ledger.GetStateAsync(Ledger.CreateCompositeKey(objectType, attributes), CancellationToken)
            .ConfigureAwait(false);
        return bytes is null or { Length: 0 } ? null : Read<T>(bytes);
    }

    /// <summary>Reads keys the function is about to need in one request where the peer allows it; later reads are free.</summary>
    public Task PrefetchAsync(params string[] keys) => Ledger.GetMultipleStatesAsync(keys, CancellationToken);

    public Task PutAsync<T>(T value, string objectType, params string[] attributes) =>
        Ledger.PutStateAsync(Ledger.CreateCompositeKey(objectType, attributes), HealthRecordsJson.Serialize(value), CancellationToken);

    public Task PutRawAsync(byte[] value, string objectType, params string[] attributes) =>
        Ledger.PutStateAsync(Ledger.CreateCompositeKey(objectType, attributes), value, CancellationToken);

    public async IAsyncEnumerable<LedgerEntry> ScanAsync(
        string objectType, string[] attributes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in Ledger.GetStateByPartialCompositeKeyAsync(objectType, attributes, cancellationToken)
            .ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    public async IAsyncEnumerable<T> ScanAsync<T>(
        string objectType, string[] attributes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in ScanAsync(objectType, attributes, cancellationToken).ConfigureAwait(false))
        {
            yield return Read<T>(entry.Value);
        }
    }

    /// <summary>
    /// One page of the range that <paramref name="objectType"/> and <paramref name="attributes"/> (built
    /// from the validated request) select. Fabric starts a paginated range at the bookmark without a
    /// bounds check, so a bookmark is accepted only inside that range; anything else is refused before
    /// the ledger is read, and the refusal never repeats the bookmark.
    /// </summary>
    public Task<LedgerPage> PageAsync(string objectType, string[] attributes, int pageSize, string bookmark)
    {
        if (bookmark.Length > 0 && !Bookmarks.IsInside(Ledger.CreateCompositeKey(objectType, attributes), bookmark))
        {
            throw DomainException.Invalid(
                "'bookmark' is not a position in this listing; pass back the bookmark the previous page of the same query returned.");
        }

        return Ledger.GetStateByPartialCompositeKeyWithPaginationAsync(objectType, attributes, pageSize, bookmark, CancellationToken);
    }

    public PatientHistory History(string patientId)
    {
        if (!_histories.TryGetValue(patientId, out var history))
        {
            history = new PatientHistory(this, patientId);
            _histories.Add(patientId, history);
        }

        return history;
    }

    /// <summary>Sets the transaction's one event; a second call is a programming error.</summary>
    public void Emit(HealthRecordsEvent payload)
    {
        if (_eventSet)
        {
            throw new InvalidOperationException("A transaction carries at most one chaincode event.");
        }

        _eventSet = true;
        Ledger.SetEvent(payload.Type, HealthRecordsJson.Serialize(payload));
    }

    public static T Read<T>(byte[] bytes) =>
        JsonSerializer.Deserialize<T>(bytes, HealthRecordsJson.Options)
        ?? throw new InvalidOperationException($"The ledger holds null where a {typeof(T).Name} was expected.");
}
