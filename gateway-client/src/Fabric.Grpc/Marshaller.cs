namespace Fabric.Grpc;

/// <summary>Turns messages of type <typeparamref name="T"/> into bytes and back.</summary>
/// <typeparam name="T">The message type.</typeparam>
public sealed class Marshaller<T>
{
    /// <summary>Creates a marshaller from a serializer and a deserializer.</summary>
    /// <param name="serializer">Writes a message as bytes.</param>
    /// <param name="deserializer">Reads a message from bytes; it must not keep the memory after returning.</param>
    public Marshaller(Func<T, byte[]> serializer, Func<ReadOnlyMemory<byte>, T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(deserializer);
        Serializer = serializer;
        Deserializer = deserializer;
    }

    /// <summary>Writes a message as bytes.</summary>
    public Func<T, byte[]> Serializer { get; }

    /// <summary>Reads a message from bytes.</summary>
    public Func<ReadOnlyMemory<byte>, T> Deserializer { get; }
}
