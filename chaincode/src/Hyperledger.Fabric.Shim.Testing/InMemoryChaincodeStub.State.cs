using System.Security.Cryptography;

namespace Hyperledger.Fabric.Shim.Testing;

/// <content>Single-key reads and writes.</content>
public sealed partial class InMemoryChaincodeStub
{
    /// <inheritdoc />
    public Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(Read(string.Empty, key));

    /// <inheritdoc />
    public Task<IReadOnlyList<byte[]?>> GetMultipleStatesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Task.FromResult<IReadOnlyList<byte[]?>>(keys.Select(k => Read(string.Empty, k)).ToArray());
    }

    /// <inheritdoc />
    public Task PutStateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        Write(string.Empty, key, value.IsEmpty ? null : value.ToArray());

    /// <inheritdoc />
    public Task DeleteStateAsync(string key, CancellationToken cancellationToken = default) => Write(string.Empty, key, null);

    /// <inheritdoc />
    public Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return Task.FromResult(Read(collection, key));
    }

    /// <inheritdoc />
    public Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return Task.FromResult(Read(collection, key) is { } value ? SHA256.HashData(value) : null);
    }

    /// <inheritdoc />
    public Task PutPrivateDataAsync(string collection, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return Write(collection, key, value.IsEmpty ? null : value.ToArray());
    }

    /// <inheritdoc />
    public Task DeletePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return Write(collection, key, null);
    }

    /// <inheritdoc />
    public Task PurgePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return Write(collection, key, null);
    }

    /// <inheritdoc />
    public Task<byte[]?> GetStateValidationParameterAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadValidationParameter(string.Empty, key));

    /// <inheritdoc />
    public Task SetStateValidationParameterAsync(string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default) =>
        WriteValidationParameter(string.Empty, key, policy);

    /// <inheritdoc />
    public Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return Task.FromResult(ReadValidationParameter(collection, key));
    }

    /// <inheritdoc />
    public Task SetPrivateDataValidationParameterAsync(string collection, string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return WriteValidationParameter(collection, key, policy);
    }

    private byte[]? Read(string collection, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            ThrowIfFinished();
        }

        return Ledger.Read(collection, key);
    }

    private Task Write(string collection, string key, byte[]? value)
    {
        BufferWrite(collection, key, value);
        return Task.CompletedTask;
    }

    /// <summary>Buffers a write (null deletes) until commit; synchronous, so the ledger can seed state without blocking on a task.</summary>
    internal void BufferWrite(string collection, string key, byte[]? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_gate)
        {
            ThrowIfFinished();
            ThrowIfPaginated();
            if (collection.Length == 0)
            {
                _writes[key] = value;
            }
            else
            {
                _privateWrites[(collection, key)] = value;
            }
        }
    }

    private byte[]? ReadValidationParameter(string collection, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            ThrowIfFinished();
        }

        return Ledger.ReadMetadata(collection, key).TryGetValue(ValidationParameterKey, out var value) ? value : null;
    }

    private Task WriteValidationParameter(string collection, string key, ReadOnlyMemory<byte> policy)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_gate)
        {
            ThrowIfFinished();
            ThrowIfPaginated();
            if (!_metadataWrites.TryGetValue((collection, key), out var entries))
            {
                _metadataWrites[(collection, key)] = entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            }

            entries[ValidationParameterKey] = policy.ToArray();
        }

        return Task.CompletedTask;
    }

    private void ThrowIfPaginated()
    {
        if (_paginatedQueryPerformed)
        {
            throw new InvalidOperationException($"txid [{TxId}]: a transaction that ran a paginated query cannot write (Fabric allows pagination only in read-only transactions)");
        }
    }
}
