using Fabric.Grpc.Interop;

namespace Fabric.Grpc.Tests.Infrastructure;

/// <summary>The echo.proto service as transport method descriptions.</summary>
public static class EchoMethods
{
    public const string ServiceName = "fabric.interop.Echo";

    public static Method<EchoRequest, EchoResponse> Unary { get; } = Create(MethodType.Unary, "Unary");

    public static Method<EchoRequest, EchoResponse> ServerStream { get; } = Create(MethodType.ServerStreaming, "ServerStream");

    public static Method<EchoRequest, EchoResponse> Duplex { get; } = Create(MethodType.DuplexStreaming, "Duplex");

    private static Method<EchoRequest, EchoResponse> Create(MethodType type, string name) =>
        new(type, ServiceName, name, Marshallers.Protobuf(EchoRequest.Parser), Marshallers.Protobuf(EchoResponse.Parser));
}
