using HealthRecords.Domain.Merkle;

namespace HealthRecords.Domain.Tests.Merkle;

/// <summary>
/// In-memory <see cref="IMerkleStorage"/> that counts reads and writes. Like Fabric's stub, writes
/// are invisible to reads until <see cref="Commit"/> (unless created with read-your-writes).
/// </summary>
public sealed class CountingMerkleStorage(bool readYourWrites = true) : IMerkleStorage
{
    private readonly Dictionary<string, byte[]> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _pending = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    public int Writes { get; private set; }

    public List<string> WrittenKeys { get; } = [];

    public IReadOnlyDictionary<string, byte[]> Committed => _committed;

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        Reads++;
        return Task.FromResult(_committed.GetValueOrDefault(key));
    }

    public Task PutAsync(string key, byte[] value, CancellationToken cancellationToken = default)
    {
        Writes++;
        WrittenKeys.Add(key);
        if (readYourWrites)
        {
            _committed[key] = value;
        }
        else
        {
            _pending[key] = value;
        }

        return Task.CompletedTask;
    }

    /// <summary>Makes pending writes visible, as a committed transaction does.</summary>
    public void Commit()
    {
        foreach (var (key, value) in _pending)
        {
            _committed[key] = value;
        }

        _pending.Clear();
    }

    /// <summary>Overwrites a committed value, to simulate corruption.</summary>
    public void Set(string key, byte[]? value)
    {
        if (value is null)
        {
            _committed.Remove(key);
        }
        else
        {
            _committed[key] = value;
        }
    }

    public void ResetCounters()
    {
        Reads = 0;
        Writes = 0;
        WrittenKeys.Clear();
    }
}
