using System.Net;
using System.Net.Sockets;
using Fabric.Grpc.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using TestSupport;

namespace Fabric.Grpc.Tests;

/// <summary>Our client against servers that break the protocol: every call ends with a clear status, never a hang.</summary>
public sealed class BadResponseTests
{
    private static readonly Method<byte[], byte[]> Unary = new(MethodType.Unary, "bad.Service", "Call", Marshallers.Bytes, Marshallers.Bytes);
    private static readonly Method<byte[], byte[]> Stream = new(MethodType.ServerStreaming, "bad.Service", "Stream", Marshallers.Bytes, Marshallers.Bytes);

    [Fact]
    public async Task UnaryAsync_InvalidCompressedFlag_ThrowsInternal()
    {
        var error = await CallAgainstAsync(http => WriteGrpcAsync(http, [7, 0, 0, 0, 1, 42], "0"));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("compressed flag", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_CompressedFrameWithoutEncoding_ThrowsInternal()
    {
        var error = await CallAgainstAsync(http => WriteGrpcAsync(http, [1, 0, 0, 0, 1, 42], "0"));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("compressed", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_TruncatedMessage_ThrowsInternal()
    {
        var error = await CallAgainstAsync(http => WriteGrpcAsync(http, [0, 0, 0, 0, 100, 1, 2, 3], "0"));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("Incomplete message", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_TruncatedPrefix_ThrowsInternal()
    {
        var error = await CallAgainstAsync(http => WriteGrpcAsync(http, [0, 0], "0"));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_NoStatusTrailer_ThrowsInternal()
    {
        var error = await CallAgainstAsync(http => WriteGrpcAsync(http, [0, 0, 0, 0, 1, 42], status: null));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("grpc-status", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_WrongContentType_ThrowsUnknownNamingTheContentType()
    {
        var error = await CallAgainstAsync(async http =>
        {
            http.Response.ContentType = "text/html";
            await http.Response.WriteAsync("<html>not grpc</html>");
        });

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Contains("text/html", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(500, StatusCode.Unknown)]
    public async Task UnaryAsync_HttpErrorStatus_MapsPerGrpcSpec(int httpStatus, StatusCode expected)
    {
        var error = await CallAgainstAsync(http =>
        {
            http.Response.StatusCode = httpStatus;
            return Task.CompletedTask;
        });

        Assert.Equal(expected, error.StatusCode);
        Assert.Contains(httpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_ServerResetsStream_ThrowsWithoutHanging()
    {
        var error = await CallAgainstAsync(http =>
        {
            http.Abort();
            return Task.CompletedTask;
        });

        Assert.Contains(error.StatusCode, new[] { StatusCode.Internal, StatusCode.Unavailable, StatusCode.Cancelled });
    }

    [Fact]
    public async Task ServerStreaming_ServerVanishesMidStream_ThrowsUnavailable()
    {
        var firstSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await MisbehavingServer.StartAsync(async http =>
        {
            http.Response.ContentType = "application/grpc";
            await http.Response.Body.WriteAsync(new byte[] { 0, 0, 0, 0, 1, 42 });
            await http.Response.Body.FlushAsync();
            firstSent.TrySetResult();
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
        });
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = channel.ServerStreaming(Stream, []);

        Assert.True(await call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));
        await firstSent.Task.WithTimeout(TestTimeouts.Short);
        server.DropConnections();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(StatusCode.Unavailable, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_PeerSpeaksNoHttp2_ThrowsUnavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serve = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            await socket.SendAsync("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"u8.ToArray());
            socket.Shutdown(SocketShutdown.Both);
        });
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Unary, [1]).WithTimeout(TestTimeouts.Short));

        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        await serve.WithTimeout(TestTimeouts.Short);
    }

    [Fact]
    public async Task UnaryAsync_ServerAcceptsAndSaysNothing_DeadlineExceeded()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(Unary, [1], new CallOptions { Deadline = DateTime.UtcNow.AddMilliseconds(500) }).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    private static async Task<RpcException> CallAgainstAsync(RequestDelegate respond)
    {
        await using var server = await MisbehavingServer.StartAsync(respond);
        using var channel = GrpcChannel.ForAddress(server.Address);
        return await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Unary, [1, 2, 3]).WithTimeout(TestTimeouts.Short));
    }

    private static async Task WriteGrpcAsync(HttpContext http, byte[] body, string? status)
    {
        http.Response.ContentType = "application/grpc";
        await http.Response.Body.WriteAsync(body);
        await http.Response.Body.FlushAsync();
        if (status is not null)
        {
            http.Response.AppendTrailer("grpc-status", status);
        }
    }
}
