using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Hyperledger.Fabric.Shim;

/// <summary>
/// Settings of a <see cref="ChaincodeServer"/>. <see cref="FromEnvironment()"/> reads them the way
/// chaincode-as-a-service containers receive them.
/// </summary>
public sealed record ChaincodeServerOptions
{
    /// <summary>Environment variable with the chaincode package id (the ccaas package's label:hash).</summary>
    public const string ChaincodeIdVariable = "CHAINCODE_ID";

    /// <summary>Environment variable with the listen address, <c>host:port</c> (for example <c>0.0.0.0:9999</c>).</summary>
    public const string ServerAddressVariable = "CHAINCODE_SERVER_ADDRESS";

    /// <summary>Environment variable with the path of the server's PEM TLS certificate (TLS is on when set).</summary>
    public const string TlsCertificateFileVariable = "CHAINCODE_TLS_CERT_FILE";

    /// <summary>Environment variable with the path of the server's PEM TLS private key.</summary>
    public const string TlsKeyFileVariable = "CHAINCODE_TLS_KEY_FILE";

    /// <summary>Environment variable with the path of PEM CA certificates for client (peer) certificates: mutual TLS when set.</summary>
    public const string TlsClientCaCertificateFileVariable = "CHAINCODE_TLS_CLIENT_CA_CERT_FILE";

    /// <summary>The chaincode package id sent in REGISTER (required).</summary>
    public string ChaincodeId { get; init; } = string.Empty;

    /// <summary>Where to listen, <c>host:port</c>; port 0 picks a free port. Required.</summary>
    public string Address { get; init; } = string.Empty;

    /// <summary>The server's TLS certificate with its private key; null serves plaintext HTTP/2 (default).</summary>
    public X509Certificate2? TlsCertificate { get; init; }

    /// <summary>When set (with <see cref="TlsCertificate"/>), peers must present a certificate chaining to these.</summary>
    public X509Certificate2Collection? ClientCaCertificates { get; init; }

    /// <summary>Largest message accepted from a peer (default 100 MiB, like Fabric).</summary>
    public int MaxReceiveMessageSize { get; init; } = 100 * 1024 * 1024;

    /// <summary>Largest message sent to a peer (default 100 MiB, like Fabric).</summary>
    public int MaxSendMessageSize { get; init; } = 100 * 1024 * 1024;

    /// <summary>Logging for the server and its streams; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Reads the options from this process's environment.</summary>
    /// <exception cref="InvalidOperationException">A required variable is missing or a TLS file cannot be read.</exception>
    public static ChaincodeServerOptions FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>Reads the options through <paramref name="getVariable"/> (returns null when a variable is unset).</summary>
    /// <exception cref="InvalidOperationException">A required variable is missing or a TLS file cannot be read.</exception>
    public static ChaincodeServerOptions FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        string Required(string name) => NonEmpty(getVariable(name))
            ?? throw new InvalidOperationException($"the environment variable {name} must be set");

        var options = new ChaincodeServerOptions
        {
            ChaincodeId = Required(ChaincodeIdVariable),
            Address = Required(ServerAddressVariable),
        };
        var certificateFile = NonEmpty(getVariable(TlsCertificateFileVariable));
        var keyFile = NonEmpty(getVariable(TlsKeyFileVariable));
        var clientCaFile = NonEmpty(getVariable(TlsClientCaCertificateFileVariable));
        if (certificateFile is null && keyFile is null)
        {
            return clientCaFile is null
                ? options
                : throw new InvalidOperationException($"{TlsClientCaCertificateFileVariable} needs {TlsCertificateFileVariable} and {TlsKeyFileVariable}");
        }

        if (certificateFile is null || keyFile is null)
        {
            throw new InvalidOperationException($"TLS needs both {TlsCertificateFileVariable} and {TlsKeyFileVariable}");
        }

        try
        {
            options = options with { TlsCertificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile) };
            if (clientCaFile is not null)
            {
                var roots = new X509Certificate2Collection();
                roots.ImportFromPemFile(clientCaFile);
                options = options with { ClientCaCertificates = roots };
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"cannot read the chaincode TLS material ({certificateFile}, {keyFile}, {clientCaFile ?? "no client CA"}): {e.Message}", e);
        }

        return options;
    }

    /// <summary>Splits <see cref="Address"/> into host and port; accepts <c>host:port</c>, <c>[v6]:port</c> and <c>:port</c>.</summary>
    internal (string Host, int Port) ParseAddress()
    {
        var separator = Address.LastIndexOf(':');
        if (separator < 0 || !int.TryParse(Address.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ArgumentException($"chaincode server address '{Address}' is not host:port", nameof(Address));
        }

        var host = Address[..separator].Trim('[', ']');
        return (host.Length == 0 ? "0.0.0.0" : host, port);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
