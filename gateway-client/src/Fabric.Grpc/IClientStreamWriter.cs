namespace Fabric.Grpc;

/// <summary>The request side of a client streaming call.</summary>
/// <typeparam name="T">The request message type.</typeparam>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Ends the request stream (half-close); the response stream stays open.</summary>
    /// <returns>A task that completes when the end of the stream has been signalled.</returns>
    Task CompleteAsync();
}
