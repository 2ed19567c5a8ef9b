using System.Runtime.InteropServices;
using Google.Protobuf;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// Takes one length-delimited field out of a serialized message as slices of the original bytes.
/// Google.Protobuf copies every <c>bytes</c> field it parses, so parsing the nested layers of a proposal
/// with the generated parsers held the argument once per layer; a slice holds it not at all.
/// </summary>
internal static class WireSlices
{
    /// <summary>The parts of a message: every occurrence of one field, and everything else.</summary>
    /// <param name="Occurrences">Each length-delimited occurrence of the field, in order, as slices (no copy).</param>
    /// <param name="Rest">The message's other fields, copied (they are small: headers, options, transient data).</param>
    public readonly record struct Split(IReadOnlyList<ByteString> Occurrences, ByteString Rest);

    /// <summary>
    /// Splits <paramref name="message"/> into the occurrences of <paramref name="fieldNumber"/> and the rest,
    /// checking the wire format as the generated parser does.
    /// </summary>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a well-formed message.</exception>
    public static Split Take(ByteString message, int fieldNumber)
    {
        var memory = message.Memory;
        if (!MemoryMarshal.TryGetArray(memory, out var segment) || segment.Array is null)
        {
            // Not array-backed (never so for parsed or wrapped arrays): copy once rather than fail.
            segment = new ArraySegment<byte>(memory.ToArray());
            memory = segment.AsMemory();
        }

        var input = new CodedInputStream(segment.Array!, segment.Offset, segment.Count);
        var origin = input.Position;
        var occurrences = new List<ByteString>();
        List<ReadOnlyMemory<byte>>? rest = null;
        var restLength = 0;
        while (true)
        {
            var fieldStart = (int)(input.Position - origin);
            var tag = input.ReadTag();
            if (tag == 0)
            {
                break;
            }

            var valueStart = (int)(input.Position - origin);
            input.SkipLastField();
            var end = (int)(input.Position - origin);
            if (WireFormat.GetTagFieldNumber(tag) == fieldNumber && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                var contentStart = valueStart + VarintLength(memory.Span[valueStart..]);
                occurrences.Add(UnsafeByteOperations.UnsafeWrap(memory[contentStart..end]));
            }
            else
            {
                rest ??= [];
                rest.Add(memory[fieldStart..end]);
                restLength += end - fieldStart;
            }
        }

        return new Split(occurrences, Concatenate(rest, restLength));
    }

    /// <summary>The tag and length that serialize field <paramref name="fieldNumber"/> with a value of <paramref name="length"/> bytes.</summary>
    public static byte[] LengthDelimitedPrefix(int fieldNumber, int length)
    {
        var tag = WireFormat.MakeTag(fieldNumber, WireFormat.WireType.LengthDelimited);
        var prefix = new byte[CodedOutputStream.ComputeRawVarint32Size(tag) + CodedOutputStream.ComputeLengthSize(length)];
        var output = new CodedOutputStream(prefix);
        output.WriteTag(tag);
        output.WriteLength(length);
        output.Flush();
        return prefix;
    }

    private static int VarintLength(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while ((bytes[i] & 0x80) != 0)
        {
            i++;
        }

        return i + 1;
    }

    private static ByteString Concatenate(List<ReadOnlyMemory<byte>>? parts, int length)
    {
        if (parts is null)
        {
            return ByteString.Empty;
        }

        var bytes = new byte[length];
        var offset = 0;
        foreach (var part in parts)
        {
            part.Span.CopyTo(bytes.AsSpan(offset));
            offset += part.Length;
        }

        return UnsafeByteOperations.UnsafeWrap(bytes);
    }
}
