using System.Buffers.Binary;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Tests.Ledger.Support;

/// <summary>Reads blocks.dat records (magic, length, checksum, block) independently of the ledger.</summary>
public static class BlockFileReader
{
    public static List<Block> ReadAll(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        var blocks = new List<Block>();
        var position = 0;
        while (position + 16 <= bytes.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 4));
            blocks.Add(Block.Parser.ParseFrom(bytes, position + 16, length));
            position += 16 + length;
        }

        return blocks;
    }
}
