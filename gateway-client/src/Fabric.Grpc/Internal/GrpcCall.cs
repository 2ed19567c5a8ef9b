using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Fabric.Grpc.Internal;

/// <summary>
/// One client call: sends the HTTP/2 request, validates the response headers, reads framed
/// messages and the status trailers. Every way a call can end goes through <see cref="Fail"/> or
/// <see cref="FinishWithStatus"/>, so the first outcome wins and later reads repeat it.
/// </summary>
internal sealed partial class GrpcCall<TRequest, TResponse> : IDisposable
{
    private const int ReasonNone = 0;
    private const int ReasonCaller = 1;
    private const int ReasonDeadline = 2;
    private const int ReasonDisposed = 3;
    private const int ReasonFinished = 4;

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _callCts = new();
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private CancellationTokenRegistration _callerRegistration;
    private CancellationTokenSource? _deadlineCts;
    private HttpRequestMessage? _request;
    private HttpResponseMessage? _response;
    private DuplexRequestContent? _duplexContent;
    private Task<Stream?> _responseStream = Task.FromResult<Stream?>(null);
    private string? _responseEncoding;
    private int _cancelReason;
    private Status? _status;
    private Metadata? _trailers;
    private Exception? _failure;
    private int _writePending;
    private bool _requestCompleted;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions? options)
    {
        _channel = channel;
        _method = method;
        _options = options ?? new CallOptions();
        _logger = channel.Logger;
        ObjectDisposedException.ThrowIf(channel.IsDisposed, channel);
    }

    public TResponse Current { get; private set; } = default!;

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    public void StartWithRequest(TRequest request)
    {
        byte[] frame;
        try
        {
            frame = GrpcFrame.Frame(_method.RequestMarshaller, request, _channel.Options.MaxSendMessageSize);
        }
        catch (RpcException ex)
        {
            Start(null, ex);
            return;
        }

        var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
        _requestCompleted = true;
        Start(content, null);
    }

    public void StartDuplex()
    {
        _duplexContent = new DuplexRequestContent();
        Start(_duplexContent, null);
    }

    /// <summary>Reads the one response of a unary call, then the status.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        if (!await MoveNextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            throw Fail(new RpcException(new Status(StatusCode.Internal, "The server returned OK but no response message.")));
        }

        var response = Current;
        if (await MoveNextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            throw Fail(new RpcException(new Status(StatusCode.Internal, "The server returned more than one message for a unary call.")));
        }

        return response;
    }

    public Status GetStatus()
    {
        lock (_gate)
        {
            return _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");
        }
    }

    public Metadata GetTrailers()
    {
        lock (_gate)
        {
            return _trailers ?? throw new InvalidOperationException("Unable to get the trailers because the call is not complete.");
        }
    }

    public void Dispose()
    {
        Cancel(ReasonDisposed);
        lock (_gate)
        {
            if (_status is null)
            {
                _status = new Status(StatusCode.Cancelled, "Call was disposed.");
                _trailers = new Metadata();
                _failure = new RpcException(_status.Value);
            }
        }

        Cleanup();
    }

    private void Start(HttpContent? content, RpcException? early)
    {
        GrpcCallLog.CallStarting(_logger, _method.Type, _method.FullName, _channel.Target);
        if (_options.CancellationToken.CanBeCanceled)
        {
            _callerRegistration = _options.CancellationToken.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(ReasonCaller), this);
        }

        TimeSpan? timeout = null;
        if (_options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var utc = deadline.Kind == DateTimeKind.Local ? deadline.ToUniversalTime() : deadline;
            timeout = utc - DateTime.UtcNow;
            if (timeout <= TimeSpan.Zero)
            {
                Cancel(ReasonDeadline);
            }
            else
            {
                _deadlineCts = new CancellationTokenSource(timeout.Value);
                _deadlineCts.Token.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(ReasonDeadline), this);
            }
        }

        _responseStream = SendAsync(content, early, timeout);

        // nobody may await these on every path; keep a failed call from raising unobserved-task events
        _responseStream.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _headers.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private async Task<Stream?> SendAsync(HttpContent? content, RpcException? early, TimeSpan? timeout)
    {
        try
        {
            if (early is not null)
            {
                throw early;
            }

            _callCts.Token.ThrowIfCancellationRequested();
            _request = CreateRequest(content!, timeout);
            var response = await _channel.Invoker.SendAsync(_request, _callCts.Token).ConfigureAwait(false);
            lock (_gate)
            {
                _response = response;
            }

            var headers = ToMetadata(response.Headers);
            var trailersOnly = ValidateResponse(response);
            _headers.TrySetResult(headers);
            if (trailersOnly is { } status)
            {
                FinishWithStatus(status.Status, status.Details, headers);
                return null;
            }

            _responseEncoding = response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var encoding) ? encoding.FirstOrDefault() : null;
            return await response.Content.ReadAsStreamAsync(_callCts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var error = Fail(ex);
            _headers.TrySetException(error);
            throw error;
        }
    }

    private HttpRequestMessage CreateRequest(HttpContent content, TimeSpan? timeout)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetRequestUri(_method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.TryAddWithoutValidation("user-agent", GrpcProtocol.UserAgent);
        request.Headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, "identity");
        if (_channel.Authority is { } authority)
        {
            request.Headers.Host = authority;
        }

        if (timeout is { } t)
        {
            request.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Encode(t));
        }

        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                request.Headers.TryAddWithoutValidation(entry.Key, GrpcProtocol.HeaderValue(entry));
            }
        }

        return request;
    }
}
