using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace HealthRecords.Sample;

/// <summary>
/// An application's own gRPC interceptor on the channel it hands to the gateway: prints each call, its
/// outcome and how long it took. The gateway calls through it as through any <see cref="CallInvoker"/>.
/// </summary>
internal sealed class CallLogger : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var watch = Stopwatch.StartNew();
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(
            LogAsync(call.ResponseAsync, context.Method.FullName, context.Host, watch), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        Console.WriteLine($"   [grpc] {context.Method.FullName} stream opened");
        return continuation(request, context);
    }

    private static async Task<TResponse> LogAsync<TResponse>(Task<TResponse> response, string method, string? host, Stopwatch watch)
    {
        try
        {
            var result = await response.ConfigureAwait(false);
            Console.WriteLine($"   [grpc] {method} OK in {watch.ElapsedMilliseconds} ms{(host is null ? string.Empty : " via " + host)}");
            return result;
        }
        catch (RpcException e)
        {
            // The status code only: the detail can quote the chaincode's answer.
            Console.WriteLine($"   [grpc] {method} {e.StatusCode} in {watch.ElapsedMilliseconds} ms");
            throw;
        }
    }
}
