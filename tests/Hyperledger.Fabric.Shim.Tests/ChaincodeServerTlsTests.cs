using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;
using Grpc.Net.Client;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Hyperledger.Fabric.Shim.Tests;

/// <summary>The chaincode server with TLS and mutual TLS, as a ccaas package with tls_required/client_auth_required is dialled.</summary>
public sealed class ChaincodeServerTlsTests : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _server;
    private readonly X509Certificate2 _client;
    private readonly X509Certificate2 _strangerClient;

    public ChaincodeServerTlsTests()
    {
        var request = new CertificateRequest("CN=tlsca.org1.example.com", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        _server = Issue(_ca, _caKey, "CN=healthrecords-ccaas", server: true);
        _client = Issue(_ca, _caKey, "CN=peer0.org1.example.com", server: false);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var otherCa = new CertificateRequest("CN=other-ca", otherKey, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        _strangerClient = Issue(otherCa, otherKey, "CN=stranger", server: false);
    }

    [Fact]
    public async Task Connect_MutualTlsWithTrustedPeerCertificate_Registers()
    {
        await using var server = await StartAsync();

        await using var peer = await FakePeer.ConnectAsync(server.Address, options: ClientOptions(_client));
        var final = await peer.RunAsync("tls-tx", ["over", "tls"], _ => FakePeer.Error("unexpected"));

        Assert.StartsWith("https://", server.Address, StringComparison.Ordinal);
        Assert.Equal("over,tls", Response.Parser.ParseFrom(final.Payload).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Connect_PeerCertificateFromUnknownCa_IsRejected()
    {
        await using var server = await StartAsync();

        var error = await Record.ExceptionAsync(async () =>
        {
            await using var peer = await FakePeer.ConnectAsync(server.Address, options: ClientOptions(_strangerClient));
        });

        // Refused during the handshake, not left hanging.
        Assert.NotNull(error);
        Assert.IsNotType<TimeoutException>(error);
    }

    public void Dispose()
    {
        _caKey.Dispose();
        _ca.Dispose();
        _server.Dispose();
        _client.Dispose();
        _strangerClient.Dispose();
    }

    private async Task<ChaincodeServer> StartAsync() => await ShimServer.StartAsync(
        new DelegateChaincode((stub, _) => Task.FromResult(ChaincodeResponse.Success(Encoding.UTF8.GetBytes(string.Join(",", stub.StringArgs))))),
        new ChaincodeServerOptions
        {
            ChaincodeId = ShimServer.PackageId,
            Address = "127.0.0.1:0",
            TlsCertificate = _server,
            ClientCaCertificates = [_ca],
        });

    /// <summary>The peer's TLS client on Grpc.Net.Client: trusts only our CA and presents <paramref name="clientCertificate"/>.</summary>
    private GrpcChannelOptions ClientOptions(X509Certificate2 clientCertificate) => new()
    {
        HttpHandler = new SocketsHttpHandler
        {
            ConnectTimeout = TestTimeouts.Short,
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [clientCertificate],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => TestTls.ChainsTo(certificate, _ca),
            },
        },
        DisposeHttpClient = true,
    };

    private static X509Certificate2 Issue(X509Certificate2 ca, ECDsa caKey, string subject, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        var generator = X509SignatureGenerator.CreateForECDsa(caKey);
        using var issued = request.Create(ca.SubjectName, generator, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(1), RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(key);

        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
