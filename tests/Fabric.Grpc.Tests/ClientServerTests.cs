using Fabric.Grpc.Interop;
using Fabric.Grpc.Tests.Infrastructure;
using TestSupport;

namespace Fabric.Grpc.Tests;

/// <summary>Our client against our server over plaintext HTTP/2 on loopback.</summary>
public sealed class ClientServerTests : IAsyncLifetime
{
    private EchoHarness _harness = null!;

    private GrpcChannel Channel => _harness.Channel;

    public async Task InitializeAsync() => _harness = await EchoHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task UnaryAsync_EchoRequest_ReturnsResponse()
    {
        var response = await Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "hello" }).WithTimeout(TestTimeouts.Short);

        Assert.Equal("hello", response.Message);
    }

    [Fact]
    public async Task ServerStreaming_CountOfFive_ReadsFiveMessagesThenOk()
    {
        using var call = Channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { Message = "s", Count = 5 });

        using var timeout = new CancellationTokenSource(TestTimeouts.Short);
        var indexes = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            indexes.Add(response.Index);
        }

        Assert.Equal([0, 1, 2, 3, 4], indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task DuplexStreaming_InterleavedWritesAndReads_EchoesEachMessage()
    {
        using var call = Channel.DuplexStreaming(EchoMethods.Duplex);

        for (var i = 0; i < 10; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "m" + i }).WithTimeout(TestTimeouts.Short);
            Assert.True(await call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));
            Assert.Equal("m" + i, call.ResponseStream.Current.Message);
        }

        await call.RequestStream.CompleteAsync().WithTimeout(TestTimeouts.Short);
        Assert.False(await call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }
}
