using System.Runtime.CompilerServices;
using Hyperledger.Fabric.Shim;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Chaincode.Internal;

/// <summary>
/// The domain's <see cref="ILedger"/> over the shim's stub: every call is the stub call of the same
/// name, so composite keys use Fabric's encoding and reads see committed state only.
/// </summary>
/// <remarks>
/// Fabric refuses to mix paginated queries with writes in one transaction (the peer's simulator
/// fails whichever comes second). The domain paginates only in query functions; this adapter
/// enforces that by refusing pagination outright in a function the dispatcher declares as submit,
/// so a regression fails on the first run instead of only when a write happens to follow.
/// </remarks>
internal sealed class ShimLedger : ILedger
{
    private readonly IChaincodeStub _stub;
    private readonly bool _isSubmit;

    /// <summary>Wraps <paramref name="stub"/> for one transaction.</summary>
    /// <param name="stub">The transaction's stub.</param>
    /// <param name="isSubmit">True when the running function writes (pagination is then refused).</param>
    public ShimLedger(IChaincodeStub stub, bool isSubmit)
    {
        ArgumentNullException.ThrowIfNull(stub);
        _stub = stub;
        _isSubmit = isSubmit;
    }

    /// <inheritdoc />
    public Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default) =>
        _stub.GetStateAsync(key, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<byte[]?>> GetMultipleStatesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        _stub.GetMultipleStatesAsync(keys, cancellationToken);

    /// <inheritdoc />
    public Task PutStateAsync(string key, byte[] value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            // Fabric treats an empty value as a delete; the domain never means that.
            throw new ArgumentException($"Refusing to write an empty value to '{key}'.", nameof(value));
        }

        return _stub.PutStateAsync(key, value, cancellationToken);
    }

    /// <inheritdoc />
    public string CreateCompositeKey(string objectType, params string[] attributes) =>
        _stub.CreateCompositeKey(objectType, attributes);

    /// <inheritdoc />
    public async IAsyncEnumerable<LedgerEntry> GetStateByPartialCompositeKeyAsync(
        string objectType, IReadOnlyList<string> attributes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var iterator = await _stub.GetStateByPartialCompositeKeyAsync(objectType, attributes, cancellationToken).ConfigureAwait(false);
        await using (((IAsyncDisposable)iterator).ConfigureAwait(false))
        {
            // Leaving the loop early disposes the iterator, which closes the peer-side cursor.
            await foreach (var item in iterator.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return new LedgerEntry(item.Key, item.Value.ToArray());
            }
        }
    }

    /// <inheritdoc />
    public async Task<LedgerPage> GetStateByPartialCompositeKeyWithPaginationAsync(
        string objectType,
        IReadOnlyList<string> attributes,
        int pageSize,
        string bookmark,
        CancellationToken cancellationToken = default)
    {
        if (_isSubmit)
        {
            throw new InvalidOperationException(
                "Paginated queries are allowed only in read-only (evaluate) functions; Fabric rejects them in transactions that write.");
        }

        var page = await _stub.GetStateByPartialCompositeKeyWithPaginationAsync(objectType, attributes, pageSize, bookmark ?? string.Empty, cancellationToken)
            .ConfigureAwait(false);
        await using (((IAsyncDisposable)page).ConfigureAwait(false))
        {
            var entries = new List<LedgerEntry>();
            await foreach (var item in page.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new LedgerEntry(item.Key, item.Value.ToArray()));
            }

            return new LedgerPage(entries, page.Bookmark, page.FetchedRecordsCount);
        }
    }

    /// <inheritdoc />
    public void SetEvent(string name, byte[] payload) => _stub.SetEvent(name, payload);
}
