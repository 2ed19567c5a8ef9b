namespace Fabric.CryptoGen;

/// <summary>Where a peer's or orderer's generated material lives (absolute paths).</summary>
/// <param name="CommonName">The node's CN and folder name, e.g. <c>peer0.org1.example.com</c>.</param>
/// <param name="Hostname">The host name within the domain, e.g. <c>peer0</c>.</param>
/// <param name="Directory">The node folder (<c>peers/&lt;CN&gt;</c> or <c>orderers/&lt;CN&gt;</c>).</param>
/// <param name="MspDirectory">Its local MSP folder.</param>
/// <param name="SigningCertificatePath">The MSP signing certificate.</param>
/// <param name="PrivateKeyPath">The MSP private key (<c>keystore/priv_sk</c>).</param>
/// <param name="TlsCaCertificatePath">The TLS CA certificate (<c>tls/ca.crt</c>).</param>
/// <param name="TlsCertificatePath">The TLS server certificate (<c>tls/server.crt</c>).</param>
/// <param name="TlsKeyPath">The TLS server key (<c>tls/server.key</c>).</param>
/// <param name="SubjectAlternativeNames">The TLS certificate's SANs (DNS names and IP addresses).</param>
public sealed record NodeMaterial(
    string CommonName,
    string Hostname,
    string Directory,
    string MspDirectory,
    string SigningCertificatePath,
    string PrivateKeyPath,
    string TlsCaCertificatePath,
    string TlsCertificatePath,
    string TlsKeyPath,
    IReadOnlyList<string> SubjectAlternativeNames);
