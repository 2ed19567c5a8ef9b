using Grpc.Core;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>
/// The first opening of a connection the gateway owns: TCP connect, TLS handshake and HTTP/2 set-up, which the
/// connection's handler signals once TLS is done. A call's own timeout is meant for the peer's work, so the call
/// that opens the connection starts its timeout only then; the opening has <see cref="GatewayOptions.ConnectTimeout"/>.
/// </summary>
/// <remarks>
/// Why: a fresh process (every <c>hrec</c> command) pays for its first connection inside its first call, and that
/// opening runs code that is not compiled yet (sockets, TLS, certificate checks, HTTP/2). On a loaded machine that
/// alone took longer than the 5 s evaluate timeout, so an evaluate failed before the peer had been asked anything.
/// </remarks>
internal sealed class ConnectionOpening
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the connection has been opened once (later reconnections are charged to their calls).</summary>
    public bool IsOpen => _opened.Task.IsCompleted;

    /// <summary>Called by the connection's handler when a connection is ready for HTTP/2 (after TLS).</summary>
    public void Opened() => _opened.TrySetResult();

    /// <summary>
    /// Runs <paramref name="call"/>, which opens the connection, with <paramref name="timeout"/> counted from the moment
    /// the connection is open, and at most <paramref name="connectTimeout"/> for the opening before that.
    /// </summary>
    /// <param name="options">The call's options; the deadline sent is <paramref name="connectTimeout"/> plus <paramref name="timeout"/> from now, the outer bound.</param>
    /// <param name="timeout">The call's own timeout.</param>
    /// <param name="connectTimeout">The time the opening may take.</param>
    /// <param name="call">Makes the call with the options it is given.</param>
    /// <exception cref="RpcException">DEADLINE_EXCEEDED when the call outlasts <paramref name="timeout"/> after the opening; the call's own failures.</exception>
    public async Task<TResponse> CallAsync<TResponse>(CallOptions options, TimeSpan timeout, TimeSpan connectTimeout, Func<CallOptions, Task<TResponse>> call)
    {
        // An infinite connect timeout leaves the opening unbounded here; the call's own timeout still starts once open.
        TimeSpan? outer = connectTimeout == Timeout.InfiniteTimeSpan ? null : connectTimeout + timeout;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        if (outer is { } bound)
        {
            budget.CancelAfter(bound);
        }

        var gate = new Lock();
        var finished = false;
        _ = _opened.Task.ContinueWith(
            _ =>
            {
                lock (gate)
                {
                    if (!finished)
                    {
                        budget.CancelAfter(timeout);
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            var extended = new CallOptions(options.Headers, DateTime.UtcNow + outer, budget.Token, options.WriteOptions, options.PropagationToken, options.Credentials);
            return await call(extended).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && budget.IsCancellationRequested && !options.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
        }
        finally
        {
            lock (gate)
            {
                finished = true;
            }
        }
    }
}
