using System.Buffers.Binary;
using System.Security.Cryptography;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// The append-only block file. Each record is: magic "FBK1" (4 bytes), payload length (uint32 LE),
/// checksum (first 8 bytes of SHA-256 of the payload), payload (a serialized common.Block). Every
/// append (one block, or a group of blocks written together) is flushed to the device
/// (<c>Flush(true)</c>, one fsync) before it returns.
/// </summary>
internal sealed partial class BlockStore : IDisposable
{
    public const int RecordHeaderSize = 16;
    private static readonly uint Magic = BinaryPrimitives.ReadUInt32LittleEndian("FBK1"u8);

    private readonly FileStream _writer;
    private readonly SafeFileHandle _reader;
    private readonly List<long> _offsets;
    private readonly Lock _gate = new();
    private bool _disposed;
    private long _flushes;

    private BlockStore(string path, FileStream writer, List<long> offsets)
    {
        Path = path;
        _writer = writer;
        _offsets = offsets;
        _reader = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
    }

    public string Path { get; }

    public int Count
    {
        get { lock (_gate) { return _offsets.Count; } }
    }

    /// <summary>
    /// Opens (or creates) the file and hands every intact block to <paramref name="onBlock"/> in order.
    /// A damaged record that reaches the end of the file is a torn write and is cut off; damage
    /// followed by more data is corruption.
    /// </summary>
    public static BlockStore Open(string path, ILogger logger, Action<Block> onBlock)
    {
        var writer = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        try
        {
            var offsets = new List<long>();
            var validEnd = Scan(writer, path, offsets, onBlock, out var tornReason);
            if (tornReason is not null)
            {
                LogTornBlock(logger, path, validEnd, writer.Length - validEnd, tornReason);
                writer.SetLength(validEnd);
                writer.Flush(flushToDisk: true);
            }

            writer.Seek(validEnd, SeekOrigin.Begin);
            return new BlockStore(path, writer, offsets);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Fsyncs done by appends since the store opened (one per <see cref="Append"/> or <see cref="AppendRange"/> call).</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Appends a block and flushes it to disk; returns when the bytes are durable.</summary>
    public void Append(Block block) => AppendRange([block]);

    /// <summary>
    /// Appends blocks in order with one flush to the device for all of them; returns when every byte
    /// is durable. A crash part-way leaves whole records and at most one torn record at the end,
    /// which <see cref="Open"/> cuts off.
    /// </summary>
    public void AppendRange(IReadOnlyList<Block> blocks)
    {
        var records = blocks.Select(Record).ToArray();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var start = _writer.Position;
            var offsets = new long[records.Length];
            try
            {
                for (var i = 0; i < records.Length; i++)
                {
                    offsets[i] = _writer.Position;
                    _writer.Write(records[i]);
                }

                _writer.Flush(flushToDisk: true);
                Interlocked.Increment(ref _flushes);
            }
            catch (IOException)
            {
                // leave no partial record behind for the next append to follow (disk full, I/O error)
                _writer.SetLength(start);
                _writer.Seek(start, SeekOrigin.Begin);
                throw;
            }

            _offsets.AddRange(offsets);
        }
    }

    /// <summary>Reads block <paramref name="number"/> (its index in the file).</summary>
    public async Task<Block> ReadAsync(ulong number, CancellationToken cancellationToken)
    {
        long offset;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(number, (ulong)_offsets.Count);
            offset = _offsets[(int)number];
        }

        var header = new byte[RecordHeaderSize];
        await ReadExactlyAsync(header, offset, cancellationToken).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
        var payload = new byte[length];
        await ReadExactlyAsync(payload, offset + RecordHeaderSize, cancellationToken).ConfigureAwait(false);
        return Block.Parser.ParseFrom(payload);
    }

    private static byte[] Record(Block block)
    {
        var payload = block.ToByteArray();
        var record = new byte[RecordHeaderSize + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(record, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)payload.Length);
        SHA256.HashData(payload).AsSpan(0, 8).CopyTo(record.AsSpan(8));
        payload.CopyTo(record.AsSpan(RecordHeaderSize));
        return record;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _writer.Dispose();
        _reader.Dispose();
    }

    private async Task ReadExactlyAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var read = await RandomAccess.ReadAsync(_reader, buffer[done..], offset + done, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new LedgerCorruptedException($"Block store {Path} ended inside the record at offset {offset}.");
            }

            done += read;
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning,
        Message = "Block store {Path}: torn last block at offset {Offset} ({Bytes} bytes, {Reason}); truncated it (crash during a write).")]
    private static partial void LogTornBlock(ILogger logger, string path, long offset, long bytes, string reason);
}
