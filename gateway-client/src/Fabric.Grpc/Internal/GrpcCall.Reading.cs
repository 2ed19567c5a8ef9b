using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Fabric.Grpc.Internal;

/// <summary>Response side of a client call: header validation, messages, status, failures.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    public async Task<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        var outcome = CompletedOutcome();
        if (outcome is not null)
        {
            return outcome.Value;
        }

        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(ReasonCaller), this)
            : default;
        try
        {
            var stream = await _responseStream.ConfigureAwait(false);
            if (stream is null)
            {
                return CompletedOutcome() ?? throw Fail(new RpcException(new Status(StatusCode.Internal, "The response has no body.")));
            }

            var payload = await GrpcFrame.ReadAsync(stream, _channel.Options.MaxReceiveMessageSize, _callCts.Token, _responseEncoding).ConfigureAwait(false);
            if (payload is null)
            {
                FinishFromTrailers();
                return CompletedOutcome() ?? false;
            }

            Current = GrpcFrame.Deserialize(_method.ResponseMarshaller, payload);
            return true;
        }
        catch (Exception ex)
        {
            var error = Fail(ex);
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The operation was canceled.", ex, cancellationToken);
            }

            throw error;
        }
    }

    /// <summary>Null while the call runs; false once it ended OK; throws the stored failure otherwise.</summary>
    private bool? CompletedOutcome()
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            return _status is null ? null : false;
        }
    }

    /// <summary>Checks HTTP status and content type; returns the status of a Trailers-Only response.</summary>
    private static (Status Status, Google.Rpc.Status? Details)? ValidateResponse(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var code = HttpStatusMapping.FromHttpStatus(response.StatusCode);
            var detail = $"Bad gRPC response. HTTP status code: {(int)response.StatusCode} ({response.ReasonPhrase}).";
            throw new RpcException(new Status(code, detail));
        }

        var statusInHeaders = ReadStatus(response.Headers);
        if (statusInHeaders is not null)
        {
            // Trailers-Only: the whole outcome is in the headers (what Fabric peers send on rejection)
            return statusInHeaders;
        }

        var contentType = response.Content.Headers.ContentType?.ToString();
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw new RpcException(new Status(
                StatusCode.Unknown,
                $"Bad gRPC response. Invalid content-type value: '{contentType ?? "(none)"}'; expected application/grpc."));
        }

        return null;
    }

    private void FinishFromTrailers()
    {
        HttpResponseMessage? response;
        lock (_gate)
        {
            response = _response;
        }

        if (response is null)
        {
            return;
        }

        var trailers = ToMetadata(response.TrailingHeaders);
        var status = ReadStatus(response.TrailingHeaders) ?? ReadStatus(response.Headers);
        if (status is null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The response ended without a grpc-status trailer."));
        }

        FinishWithStatus(status.Value.Status, status.Value.Details, trailers);
    }

    private static (Status Status, Google.Rpc.Status? Details)? ReadStatus(HttpHeaders headers)
    {
        if (!headers.TryGetValues(GrpcProtocol.StatusHeader, out var values))
        {
            return null;
        }

        var raw = values.FirstOrDefault();
        Status status;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            status = new Status(StatusCode.Unknown, $"Unexpected grpc-status value '{raw}'.");
        }
        else
        {
            var message = headers.TryGetValues(GrpcProtocol.MessageHeader, out var m) ? m.FirstOrDefault() : null;
            status = new Status((StatusCode)code, GrpcMessageEncoding.Decode(message));
        }

        var details = headers.TryGetValues(GrpcProtocol.StatusDetailsHeader, out var d) ? StatusDetails.TryDecode(d.FirstOrDefault()) : null;
        return (status, details);
    }

    private static Metadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                GrpcProtocol.AddHeader(metadata, header.Key, value);
            }
        }

        return metadata;
    }

    private void FinishWithStatus(Status status, Google.Rpc.Status? details, Metadata trailers)
    {
        lock (_gate)
        {
            if (_status is not null)
            {
                return;
            }

            _status = status;
            _trailers = trailers;
            if (status.StatusCode != StatusCode.OK)
            {
                _failure = new RpcException(status, details, trailers);
            }
        }

        GrpcCallLog.CallFinished(_logger, _method.FullName, status.StatusCode, status.Detail);
        Cancel(ReasonFinished);
        Cleanup();
    }

    /// <summary>Turns any failure into the call's one outcome and returns the exception to throw.</summary>
    private Exception Fail(Exception exception)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return _failure;
            }

            if (_status is not null)
            {
                return exception;
            }
        }

        Exception error;
        Status status;
        switch (Volatile.Read(ref _cancelReason))
        {
            case ReasonCaller:
                status = new Status(StatusCode.Cancelled, "Call cancelled by the caller.");
                error = new OperationCanceledException("The call was cancelled.", exception, _options.CancellationToken);
                GrpcCallLog.CallCancelled(_logger, _method.FullName);
                break;
            case ReasonDeadline:
                status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
                error = new RpcException(status);
                GrpcCallLog.DeadlineExceeded(_logger, _method.FullName);
                break;
            case ReasonDisposed:
                status = new Status(StatusCode.Cancelled, "Call was disposed.");
                error = new RpcException(status);
                break;
            default:
                status = MapException(exception);
                error = exception as RpcException ?? new RpcException(status, exception);
                GrpcCallLog.CallFailed(_logger, _method.FullName, status.StatusCode, status.Detail, exception);
                break;
        }

        lock (_gate)
        {
            if (_failure is not null)
            {
                return _failure;
            }

            _status = status;
            _trailers = (error as RpcException)?.Trailers ?? new Metadata();
            _failure = error;
        }

        Cancel(ReasonFinished);
        Cleanup();
        return error;
    }

    private static Status MapException(Exception exception)
    {
        switch (exception)
        {
            case RpcException rpc:
                return rpc.Status;
            case HttpRequestException { InnerException: HttpProtocolException protocol }:
                return FromProtocolError(protocol);
            case HttpProtocolException protocol:
                return FromProtocolError(protocol);
            case HttpRequestException request:
                return new Status(StatusCode.Unavailable, "Error connecting to the server: " + Describe(request));
            case IOException io:
                return new Status(StatusCode.Unavailable, "The connection to the server failed mid-call: " + Describe(io));
            case OperationCanceledException:
                return new Status(StatusCode.Cancelled, "The call was cancelled.");
            case ObjectDisposedException:
                return new Status(StatusCode.Unavailable, "The channel was disposed.");
            default:
                return new Status(StatusCode.Internal, "Unexpected error in the gRPC call: " + Describe(exception));
        }
    }

    private static Status FromProtocolError(HttpProtocolException protocol) =>
        new(HttpStatusMapping.FromHttp2Error(protocol.ErrorCode), $"The server reset the stream (HTTP/2 error code 0x{protocol.ErrorCode:X}): {protocol.Message}");

    private static string Describe(Exception exception)
    {
        var text = exception.GetType().Name + ": " + exception.Message;
        return exception.InnerException is { } inner ? text + " -> " + inner.GetType().Name + ": " + inner.Message : text;
    }

    private void Cancel(int reason)
    {
        if (Interlocked.CompareExchange(ref _cancelReason, reason, ReasonNone) != ReasonNone && reason != ReasonFinished)
        {
            return;
        }

        try
        {
            _callCts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // already cleaned up
        }
    }

    private void Cleanup()
    {
        HttpResponseMessage? response;
        lock (_gate)
        {
            response = _response;
        }

        _duplexContent?.Abort(_failure ?? new InvalidOperationException("Can't write the message because the call is complete."));
        response?.Dispose();
        _request?.Dispose();
        _callerRegistration.Dispose();
        _deadlineCts?.Dispose();
    }
}
