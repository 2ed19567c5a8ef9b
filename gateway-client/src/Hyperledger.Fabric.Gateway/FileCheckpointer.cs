using System.Text.Json;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// A checkpointer kept in a small JSON file, so an event consumer resumes after a process restart right
/// after the last event it processed. Each checkpoint is written to a temporary file, flushed to disk and
/// renamed over the old one, so a crash leaves either the old or the new position, never a torn file.
/// Thread-safe within one process; one file belongs to one consumer.
/// </summary>
public sealed class FileCheckpointer : ICheckpointer
{
    private readonly Lock _gate = new();
    private volatile Position _position;

    private FileCheckpointer(string path, Position position)
    {
        Path = path;
        _position = position;
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public ulong? BlockNumber => _position.BlockNumber;

    /// <inheritdoc />
    public string? TransactionId => _position.TransactionId;

    /// <summary>Opens (or, when missing, starts) the checkpoint in <paramref name="path"/>.</summary>
    /// <param name="path">The checkpoint file; its folder must exist.</param>
    /// <exception cref="InvalidDataException">The file exists but is not a checkpoint.</exception>
    public static FileCheckpointer Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            return new FileCheckpointer(fullPath, new Position(null, null));
        }

        try
        {
            var position = JsonSerializer.Deserialize<Position>(File.ReadAllBytes(fullPath), JsonOptions)
                ?? throw new InvalidDataException($"checkpoint file {fullPath} is empty");
            return new FileCheckpointer(fullPath, position);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"checkpoint file {fullPath} is not a checkpoint: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public Task CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default) =>
        SaveAsync(new Position(blockNumber + 1, null), cancellationToken);

    /// <inheritdoc />
    public Task CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        return SaveAsync(new Position(blockNumber, transactionId), cancellationToken);
    }

    /// <inheritdoc />
    public Task CheckpointChaincodeEventAsync(ChaincodeEvent chaincodeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chaincodeEvent);
        return CheckpointTransactionAsync(chaincodeEvent.BlockNumber, chaincodeEvent.TransactionId, cancellationToken);
    }

    private static JsonSerializerOptions JsonOptions { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private Task SaveAsync(Position position, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(position, JsonOptions);

        // A few dozen bytes: written synchronously under the lock so concurrent checkpoints cannot interleave.
        lock (_gate)
        {
            var temporary = Path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
            _position = position;
        }

        return Task.CompletedTask;
    }

    private sealed record Position(ulong? BlockNumber, string? TransactionId);
}
