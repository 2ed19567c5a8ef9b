namespace Fabric.Grpc;

/// <summary>Writes a stream of messages; one write at a time.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Writes one message and flushes it to the network.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the message has been handed to the connection.</returns>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
