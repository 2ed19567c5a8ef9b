namespace Fabric.Grpc;

/// <summary>Describes one RPC method: its shape, its full name and how its messages are marshalled.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class Method<TRequest, TResponse>
{
    /// <summary>Creates a method description.</summary>
    /// <param name="type">The call shape.</param>
    /// <param name="serviceName">The fully qualified service name, for example <c>gateway.Gateway</c>.</param>
    /// <param name="name">The method name, for example <c>Endorse</c>.</param>
    /// <param name="requestMarshaller">Marshals requests.</param>
    /// <param name="responseMarshaller">Marshals responses.</param>
    public Method(
        MethodType type,
        string serviceName,
        string name,
        Marshaller<TRequest> requestMarshaller,
        Marshaller<TResponse> responseMarshaller)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(requestMarshaller);
        ArgumentNullException.ThrowIfNull(responseMarshaller);
        Type = type;
        ServiceName = serviceName;
        Name = name;
        RequestMarshaller = requestMarshaller;
        ResponseMarshaller = responseMarshaller;
        FullName = "/" + serviceName + "/" + name;
    }

    /// <summary>The call shape.</summary>
    public MethodType Type { get; }

    /// <summary>The fully qualified service name.</summary>
    public string ServiceName { get; }

    /// <summary>The method name.</summary>
    public string Name { get; }

    /// <summary>The HTTP/2 path: <c>"/" + ServiceName + "/" + Name</c>.</summary>
    public string FullName { get; }

    /// <summary>Marshals requests.</summary>
    public Marshaller<TRequest> RequestMarshaller { get; }

    /// <summary>Marshals responses.</summary>
    public Marshaller<TResponse> ResponseMarshaller { get; }
}
