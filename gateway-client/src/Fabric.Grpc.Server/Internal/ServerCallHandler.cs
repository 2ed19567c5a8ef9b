using System.Collections.Frozen;
using Fabric.Grpc.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace Fabric.Grpc.Server.Internal;

/// <summary>The terminal middleware: routes by path, runs the call, and writes the gRPC status.</summary>
internal sealed class ServerCallHandler(
    FrozenDictionary<string, ServerMethod> methods,
    GrpcServerOptions options,
    ILogger logger,
    CancellationToken serverStopping)
{
    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;
        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            // the gRPC spec asks for 415 without a grpc-status, so the client maps it itself
            GrpcServerLog.BadContentType(logger, request.ContentType, request.Path);
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        // long-lived streams may sit idle: no minimum data rate, no body size cap (we frame-limit instead)
        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = "identity";
        var path = request.Path.Value ?? string.Empty;
        if (!methods.TryGetValue(path, out var method))
        {
            GrpcServerLog.Unimplemented(logger, path, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            WriteStatus(response, new Status(StatusCode.Unimplemented, $"Method {path} is unimplemented."), null, null);
            return;
        }

        var deadline = DateTime.MaxValue;
        using var deadlineCts = new CancellationTokenSource();
        if (GrpcTimeout.TryDecode(request.Headers[GrpcProtocol.TimeoutHeader].ToString(), out var timeout))
        {
            deadline = DateTime.UtcNow + timeout;
            deadlineCts.CancelAfter(timeout);
        }

        using var callCts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, serverStopping, deadlineCts.Token);
        var requestHeaders = new Metadata();
        foreach (var header in request.Headers)
        {
            foreach (var value in header.Value)
            {
                if (value is not null)
                {
                    GrpcProtocol.AddHeader(requestHeaders, header.Key, value);
                }
            }
        }

        var context = new ServerCallContext(http, path, deadline, requestHeaders, callCts.Token);
        var call = new ServerCall(http, options, context);
        Status status;
        Google.Rpc.Status? details = null;
        try
        {
            await method.InvokeAsync(call).ConfigureAwait(false);
            status = Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            status = ex.Status;
            details = ex.StatusDetails;
            foreach (var entry in ex.Trailers)
            {
                Append(context.ResponseTrailers, entry);
            }
        }
        catch (Exception ex) when (callCts.IsCancellationRequested)
        {
            status = deadlineCts.IsCancellationRequested
                ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")
                : serverStopping.IsCancellationRequested
                    ? new Status(StatusCode.Unavailable, "The server is shutting down.")
                    : new Status(StatusCode.Cancelled, "The call was cancelled: " + ex.Message);
        }
        catch (Exception ex)
        {
            GrpcServerLog.HandlerThrew(logger, path, ex);
            status = new Status(StatusCode.Unknown, "Exception was thrown by handler.");
        }
        finally
        {
            call.MarkCompleted();
        }

        if (http.RequestAborted.IsCancellationRequested)
        {
            GrpcServerLog.CallCancelled(logger, path, context.Peer);
            return;
        }

        GrpcServerLog.CallFinished(logger, path, context.Peer, status.StatusCode, status.Detail);
        WriteStatus(response, status, details, context.ResponseTrailers);
    }

    private static void Append(Metadata target, Metadata.Entry entry)
    {
        if (entry.IsBinary)
        {
            target.Add(entry.Key, entry.ValueBytes!);
        }
        else
        {
            target.Add(entry.Key, entry.Value!);
        }
    }

    /// <summary>Status in trailers, or in the headers (Trailers-Only) when nothing was sent yet.</summary>
    private static void WriteStatus(HttpResponse response, Status status, Google.Rpc.Status? details, Metadata? trailers)
    {
        Action<string, string> add = response.HasStarted
            ? (name, value) => response.AppendTrailer(name, value)
            : (name, value) => response.Headers.Append(name, value);
        add(GrpcProtocol.StatusHeader, ((int)status.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(status.Detail))
        {
            add(GrpcProtocol.MessageHeader, GrpcMessageEncoding.Encode(status.Detail));
        }

        if (details is not null)
        {
            add(GrpcProtocol.StatusDetailsHeader, StatusDetails.Encode(details));
        }

        if (trailers is not null)
        {
            foreach (var entry in trailers)
            {
                add(entry.Key, GrpcProtocol.HeaderValue(entry));
            }
        }
    }
}
