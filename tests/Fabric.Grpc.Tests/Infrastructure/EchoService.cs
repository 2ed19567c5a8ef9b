using Fabric.Grpc.Interop;
using Fabric.Grpc.Server;
using Google.Protobuf;

namespace Fabric.Grpc.Tests.Infrastructure;

/// <summary>Our implementation of echo.proto, behaving like tests/interop/grpc/echo-server.js.</summary>
public static class EchoService
{
    /// <summary>Registers the three methods; <paramref name="cancelled"/> is told when a delayed call is cancelled.</summary>
    public static void Register(GrpcServer server, Action<ServerCallContext>? cancelled = null)
    {
        server.AddUnary(EchoMethods.Unary, (request, context) => Observe(UnaryAsync(request, context), context, cancelled));
        server.AddServerStreaming(EchoMethods.ServerStream, (request, writer, context) => Observe(ServerStreamAsync(request, writer, context), context, cancelled));
        server.AddDuplexStreaming(EchoMethods.Duplex, (reader, writer, context) => Observe(DuplexAsync(reader, writer, context), context, cancelled));
    }

    public static async Task<GrpcServer> StartAsync(GrpcServerOptions? options = null, Action<ServerCallContext>? cancelled = null)
    {
        var server = new GrpcServer(options ?? new GrpcServerOptions());
        Register(server, cancelled);
        await server.StartAsync().WaitAsync(TestSupport.TestTimeouts.Long);
        return server;
    }

    /// <summary>The failure a request with fail_with_code asks for, with rich details.</summary>
    public static RpcException Failure(int code, string message)
    {
        var details = new Google.Rpc.Status { Code = code, Message = "details: " + message };
        details.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(new EchoResponse { Message = message }));
        return new RpcException(new Status((StatusCode)code, message), details);
    }

    private static async Task Observe(Task call, ServerCallContext context, Action<ServerCallContext>? cancelled)
    {
        try
        {
            await call;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            cancelled?.Invoke(context);
            throw;
        }
    }

    private static async Task<T> Observe<T>(Task<T> call, ServerCallContext context, Action<ServerCallContext>? cancelled)
    {
        await Observe((Task)call, context, cancelled);
        return await call;
    }

    private static async Task<EchoResponse> UnaryAsync(EchoRequest request, ServerCallContext context)
    {
        await BeforeAnswerAsync(request, context);
        return Response(request, 0);
    }

    private static async Task ServerStreamAsync(EchoRequest request, IServerStreamWriter<EchoResponse> responses, ServerCallContext context)
    {
        await BeforeAnswerAsync(request, context);
        for (var i = 0; i < request.Count; i++)
        {
            await responses.WriteAsync(Response(request, i));
        }
    }

    private static async Task DuplexAsync(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoResponse> responses, ServerCallContext context)
    {
        var index = 0;
        while (await requests.MoveNext())
        {
            var request = requests.Current;
            await BeforeAnswerAsync(request, context);
            var response = Response(request, index++);
            if (!request.Payload.IsEmpty)
            {
                response.Payload = request.Payload;
            }

            await responses.WriteAsync(response);
        }
    }

    private static async Task BeforeAnswerAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.DelayMs > 0)
        {
            await Task.Delay(request.DelayMs, context.CancellationToken);
        }

        if (request.FailWithCode != 0)
        {
            throw Failure(request.FailWithCode, "requested failure: " + request.Message);
        }

        var echo = context.RequestHeaders.GetValue("x-echo");
        if (echo is not null)
        {
            context.ResponseTrailers.Add("x-echo", echo);
        }
    }

    private static EchoResponse Response(EchoRequest request, int index) => new()
    {
        Message = request.Message,
        Index = index,
        Payload = request.PayloadSize > 0 ? ByteString.CopyFrom(new byte[request.PayloadSize]) : ByteString.Empty,
    };
}
