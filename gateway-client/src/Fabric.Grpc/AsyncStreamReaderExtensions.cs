using System.Runtime.CompilerServices;

namespace Fabric.Grpc;

/// <summary>Helpers for <see cref="IAsyncStreamReader{T}"/>.</summary>
public static class AsyncStreamReaderExtensions
{
    /// <summary>Reads the whole stream as an async sequence.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="reader">The stream reader.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The messages, in order.</returns>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        this IAsyncStreamReader<T> reader,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.Current;
        }
    }
}
