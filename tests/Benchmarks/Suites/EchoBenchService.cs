using Fabric.Grpc;
using Fabric.Grpc.Interop;
using Fabric.Grpc.Server;

namespace Benchmarks.Suites;

/// <summary>The echo.proto methods used by the transport benchmark, and our server side of them.</summary>
internal static class EchoBenchService
{
    public static Method<EchoRequest, EchoResponse> Unary { get; } = Create(MethodType.Unary, "Unary");

    public static Method<EchoRequest, EchoResponse> ServerStream { get; } = Create(MethodType.ServerStreaming, "ServerStream");

    public static void Register(GrpcServer server)
    {
        server.AddUnary(Unary, (request, _) => Task.FromResult(new EchoResponse { Message = request.Message }));
        server.AddServerStreaming(ServerStream, async (request, writer, context) =>
        {
            for (var i = 0; i < request.Count && !context.CancellationToken.IsCancellationRequested; i++)
            {
                await writer.WriteAsync(new EchoResponse { Message = request.Message, Index = i }).ConfigureAwait(false);
            }
        });
    }

    private static Method<EchoRequest, EchoResponse> Create(MethodType type, string name) =>
        new(type, "fabric.interop.Echo", name, Marshallers.Protobuf(EchoRequest.Parser), Marshallers.Protobuf(EchoResponse.Parser));
}
