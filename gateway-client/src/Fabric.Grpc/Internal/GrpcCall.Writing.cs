namespace Fabric.Grpc.Internal;

/// <summary>Request side of a duplex call: one framed message per write, flushed at once.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        var content = _duplexContent ?? throw new InvalidOperationException("This call has no request stream.");
        lock (_gate)
        {
            if (_requestCompleted)
            {
                throw new InvalidOperationException("Can't write the message because the request stream is complete.");
            }

            if (_failure is not null)
            {
                throw _failure;
            }

            if (_status is not null)
            {
                throw new InvalidOperationException("Can't write the message because the call is complete.");
            }
        }

        if (Interlocked.Exchange(ref _writePending, 1) != 0)
        {
            throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        }

        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(ReasonCaller), this)
            : default;
        try
        {
            var frame = GrpcFrame.Frame(_method.RequestMarshaller, message, _channel.Options.MaxSendMessageSize);
            var stream = await content.StreamTask.WaitAsync(_callCts.Token).ConfigureAwait(false);
            await stream.WriteAsync(frame, _callCts.Token).ConfigureAwait(false);
            await stream.FlushAsync(_callCts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            Fail(ex);
            throw new OperationCanceledException("The operation was canceled.", ex, cancellationToken);
        }
        catch (Exception ex) when (ex is RpcException || Volatile.Read(ref _cancelReason) != ReasonNone)
        {
            // a message we may not send, or a deadline/cancellation/disposal: that ends the call
            throw Fail(ex);
        }
        catch (Exception ex)
        {
            // the request side broke (often because the server already ended the call): the
            // response side carries the real status, so leave the outcome to the reader
            lock (_gate)
            {
                if (_failure is not null)
                {
                    throw _failure;
                }

                if (_status is not null)
                {
                    throw new InvalidOperationException("Can't write the message because the call is complete.", ex);
                }
            }

            throw new RpcException(MapException(ex), ex);
        }
        finally
        {
            Volatile.Write(ref _writePending, 0);
        }
    }

    public Task CompleteRequestAsync()
    {
        lock (_gate)
        {
            if (_requestCompleted)
            {
                return Task.CompletedTask;
            }

            _requestCompleted = true;
        }

        _duplexContent?.Complete();
        return Task.CompletedTask;
    }
}
