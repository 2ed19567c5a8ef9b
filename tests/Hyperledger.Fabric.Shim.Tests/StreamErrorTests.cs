using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;
using TestSupport;

namespace Hyperledger.Fabric.Shim.Tests;

/// <summary>What a peer sees when it sends the chaincode server something that is not a ChaincodeMessage.</summary>
public sealed class StreamErrorTests
{
    private static readonly DelegateChaincode Echo = new((stub, _) =>
        Task.FromResult(ChaincodeResponse.Success(Encoding.UTF8.GetBytes(string.Join(",", stub.StringArgs)))));

    [Fact]
    public async Task Connect_GarbageFrame_EndsStreamWithNonOkGrpcStatus()
    {
        await using var server = await ShimServer.StartAsync(Echo);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TestTimeouts.Long };

        // One well-framed gRPC message (uncompressed, 16 bytes) whose bytes are no ChaincodeMessage, sent raw over h2c.
        byte[] junk = [0, 0, 0, 0, 16, .. Enumerable.Repeat((byte)0xff, 16)];
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Address + "/protos.Chaincode/Connect")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(junk),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead).WaitAsync(TestTimeouts.Long);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.TryGetValues("grpc-status", out var header) ? header.Single() : null;
        Assert.NotNull(status);
        Assert.NotEqual("0", status);
    }
}
