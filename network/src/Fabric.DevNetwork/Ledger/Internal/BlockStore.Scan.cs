using System.Buffers.Binary;
using System.Security.Cryptography;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>Recovery scan of the block file.</summary>
internal sealed partial class BlockStore
{
    private static long Scan(FileStream file, string path, List<long> offsets, Action<Block> onBlock, out string? tornReason)
    {
        tornReason = null;
        var length = file.Length;
        long position = 0;
        var header = new byte[RecordHeaderSize];
        var buffer = new BufferedStream(file, 1 << 20);
        buffer.Seek(0, SeekOrigin.Begin);
        while (position < length)
        {
            var remaining = length - position;
            if (remaining < RecordHeaderSize)
            {
                tornReason = "incomplete record header";
                return position;
            }

            buffer.ReadExactly(header);
            var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var payloadLength = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            var end = position + RecordHeaderSize + payloadLength;
            if (magic != Magic)
            {
                if (IsZeroTail(file, position))
                {
                    tornReason = "zero-filled tail";
                    return position;
                }

                throw Corrupt(path, position, offsets.Count, "bad record marker");
            }

            if (end > length)
            {
                tornReason = "record longer than the file";
                return position;
            }

            var payload = new byte[payloadLength];
            buffer.ReadExactly(payload);
            if (!SHA256.HashData(payload).AsSpan(0, 8).SequenceEqual(header.AsSpan(8, 8)))
            {
                if (end == length)
                {
                    tornReason = "checksum mismatch in the last record";
                    return position;
                }

                throw Corrupt(path, position, offsets.Count, "checksum mismatch");
            }

            Block block;
            try
            {
                block = Block.Parser.ParseFrom(payload);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new LedgerCorruptedException(
                    $"Block store {path} is corrupt: block {offsets.Count} at offset {position} has a valid checksum but does not parse.", e);
            }

            onBlock(block);
            offsets.Add(position);
            position = end;
        }

        return position;
    }

    private static bool IsZeroTail(FileStream file, long from)
    {
        var saved = file.Position;
        try
        {
            file.Seek(from, SeekOrigin.Begin);
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = file.Read(chunk)) > 0)
            {
                if (chunk.AsSpan(0, read).ContainsAnyExcept((byte)0))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            file.Seek(saved, SeekOrigin.Begin);
        }
    }

    private static LedgerCorruptedException Corrupt(string path, long offset, int blockNumber, string reason) =>
        new($"Block store {path} is corrupt at offset {offset} (block {blockNumber}): {reason}, and more data follows, "
            + "so this is not a torn final write. Restore the file from a backup or delete the channel's data folder to start over.");
}
