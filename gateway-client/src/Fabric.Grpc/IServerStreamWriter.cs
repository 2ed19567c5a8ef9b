namespace Fabric.Grpc;

/// <summary>The response side of a server streaming or duplex call, as a handler sees it.</summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}
