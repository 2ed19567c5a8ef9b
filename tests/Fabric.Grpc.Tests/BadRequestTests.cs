using System.Net;
using System.Net.Http.Headers;
using Fabric.Grpc.Server;
using Fabric.Grpc.Tests.Infrastructure;
using TestSupport;

namespace Fabric.Grpc.Tests;

/// <summary>Our server against requests no correct gRPC client sends: a clear status, never a crash or a hang.</summary>
public sealed class BadRequestTests : IAsyncLifetime
{
    private static readonly HttpClient _http = new() { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
    private GrpcServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await EchoService.StartAsync(new GrpcServerOptions { MaxReceiveMessageSize = 1024 });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync().AsTask().WithTimeout(TestTimeouts.Long);

    [Fact]
    public async Task Post_CompressedFlagWithoutEncoding_RespondsInternal()
    {
        using var response = await PostAsync([1, 0, 0, 0, 2, 10, 0]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("13", await StatusAsync(response));
    }

    [Fact]
    public async Task Post_CompressedWithUnsupportedEncoding_RespondsUnimplemented()
    {
        using var response = await PostAsync([1, 0, 0, 0, 2, 10, 0], encoding: "gzip");

        Assert.Equal("12", await StatusAsync(response));
        Assert.Equal("identity", response.Headers.GetValues("grpc-accept-encoding").Single());
    }

    [Fact]
    public async Task Post_TruncatedFrame_RespondsInternal()
    {
        using var response = await PostAsync([0, 0, 0, 0, 50, 10, 1]);

        Assert.Equal("13", await StatusAsync(response));
    }

    [Fact]
    public async Task Post_EmptyBodyForUnary_RespondsInternal()
    {
        using var response = await PostAsync([]);

        Assert.Equal("13", await StatusAsync(response));
    }

    [Fact]
    public async Task Post_GarbageProtobuf_RespondsInternal()
    {
        using var response = await PostAsync([0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF]);

        Assert.Equal("13", await StatusAsync(response));
    }

    [Fact]
    public async Task Post_FrameOverLimit_RespondsResourceExhausted()
    {
        using var response = await PostAsync([0, 0, 1, 0, 0]);

        Assert.Equal("8", await StatusAsync(response));
    }

    [Fact]
    public async Task Post_WrongContentType_Responds415()
    {
        using var content = new ByteArrayContent([0, 0, 0, 0, 0]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _http.PostAsync(_server.Address + EchoMethods.Unary.FullName, content).WithTimeout(TestTimeouts.Short);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_AfterMalformedFrame_ServerStillServesGoodCalls()
    {
        using (await PostAsync([7, 7, 7]))
        {
        }

        using var channel = GrpcChannel.ForAddress(_server.Address);
        var response = await channel.UnaryAsync(EchoMethods.Unary, new Interop.EchoRequest { Message = "fine" }).WithTimeout(TestTimeouts.Short);

        Assert.Equal("fine", response.Message);
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? encoding = null)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.Address + EchoMethods.Unary.FullName)         {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TE.ParseAdd("trailers");
        if (encoding is not null)
        {
            request.Headers.Add("grpc-encoding", encoding);
        }

        return await _http.SendAsync(request).WithTimeout(TestTimeouts.Short);
    }

    private static async Task<string?> StatusAsync(HttpResponseMessage response)
    {
        await response.Content.ReadAsByteArrayAsync().WithTimeout(TestTimeouts.Short);
        return response.Headers.TryGetValues("grpc-status", out var inHeaders)
            ? inHeaders.First()
            : response.TrailingHeaders.TryGetValues("grpc-status", out var inTrailers) ? inTrailers.First() : null;
    }
}
