using Google.Protobuf;

namespace Fabric.Grpc;

/// <summary>Ready-made marshallers.</summary>
public static class Marshallers
{
    /// <summary>Passes bytes through unchanged (the deserializer copies, so callers own the array).</summary>
    public static Marshaller<byte[]> Bytes { get; } = new(static bytes => bytes, static memory => memory.ToArray());

    /// <summary>A marshaller for a protobuf message type, using its generated parser.</summary>
    /// <typeparam name="T">The protobuf message type.</typeparam>
    /// <param name="parser">The message's parser, usually <c>T.Parser</c>.</param>
    /// <returns>The marshaller.</returns>
    public static Marshaller<T> Protobuf<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(parser);
        return new Marshaller<T>(static message => message.ToByteArray(), memory => parser.ParseFrom(memory.Span));
    }
}
