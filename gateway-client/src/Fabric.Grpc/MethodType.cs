namespace Fabric.Grpc;

/// <summary>The call shapes the transport supports.</summary>
public enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary,

    /// <summary>One request, a stream of responses.</summary>
    ServerStreaming,

    /// <summary>A stream of requests and a stream of responses, both open at once.</summary>
    DuplexStreaming,
}
