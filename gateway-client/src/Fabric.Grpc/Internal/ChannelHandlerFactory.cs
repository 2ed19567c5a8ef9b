using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Fabric.Grpc.Internal;

/// <summary>Builds the channel's own SocketsHttpHandler: one HTTP/2 connection, keep-alive pings, TLS trust.</summary>
internal static class ChannelHandlerFactory
{
    public static SocketsHttpHandler Create(Uri address, GrpcChannelOptions options, ILogger logger)
    {
        var handler = new SocketsHttpHandler
        {
            // all calls share one connection, as gRPC channels do; HTTP/2 streams multiplex on it
            EnableMultipleHttp2Connections = false,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };

        if (address.Scheme == Uri.UriSchemeHttps)
        {
            handler.SslOptions = CreateSslOptions(address, options, logger);
        }

        return handler;
    }

    private static SslClientAuthenticationOptions CreateSslOptions(Uri address, GrpcChannelOptions options, ILogger logger)
    {
        var roots = options.RootCertificates;
        var target = address.Authority;
        var ssl = new SslClientAuthenticationOptions
        {
            // SocketsHttpHandler sets TargetHost from the Host header, which carries ServerNameOverride
            TargetHost = options.ServerNameOverride,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                Validate(certificate, chain, errors, roots, target, logger),
        };

        if (options.ClientCertificate is { } clientCertificate)
        {
            ssl.ClientCertificates = [clientCertificate];

            // send our certificate even when the server names no acceptable issuers
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return ssl;
    }

    private static bool Validate(
        X509Certificate? certificate,
        X509Chain? presentedChain,
        SslPolicyErrors errors,
        X509Certificate2Collection? roots,
        string target,
        ILogger logger)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            GrpcCallLog.CertificateRejected(logger, target, "no certificate");
            return false;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            GrpcCallLog.CertificateRejected(logger, target, "the certificate does not name the server (set ServerNameOverride?)");
            return false;
        }

        if (roots is null)
        {
            if (errors != SslPolicyErrors.None)
            {
                GrpcCallLog.CertificateRejected(logger, target, errors.ToString());
            }

            return errors == SslPolicyErrors.None;
        }

        using var leaf = new X509Certificate2(certificate);
        if (CustomRootTrust.Verify(leaf, presentedChain, roots, out var reasons))
        {
            return true;
        }

        GrpcCallLog.CertificateRejected(logger, target, "not issued by the configured roots: " + reasons);
        return false;
    }
}
