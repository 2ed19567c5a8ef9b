namespace Fabric.CryptoGen;

/// <summary>Where a user's generated material lives (absolute paths).</summary>
/// <param name="Name">The user name: <c>Admin</c>, <c>User1</c>, or a named user such as <c>alice</c>.</param>
/// <param name="CommonName">The certificate CN and folder name, e.g. <c>alice@org1.example.com</c>.</param>
/// <param name="IsAdmin">True for <c>Admin@&lt;domain&gt;</c> (OU <c>admin</c> when NodeOUs are on).</param>
/// <param name="IsNamed">True for a named user from <c>Users.Named</c>.</param>
/// <param name="Attributes">The attributes in the certificate's Fabric CA extension (empty when it has none).</param>
/// <param name="Directory">The user folder (<c>users/&lt;CN&gt;</c>).</param>
/// <param name="MspDirectory">Its MSP folder.</param>
/// <param name="SigningCertificatePath">The signing certificate (<c>msp/signcerts/&lt;CN&gt;-cert.pem</c>).</param>
/// <param name="PrivateKeyPath">The private key (<c>msp/keystore/priv_sk</c>).</param>
/// <param name="TlsCaCertificatePath">The TLS CA certificate (<c>tls/ca.crt</c>).</param>
/// <param name="TlsCertificatePath">The TLS client certificate (<c>tls/client.crt</c>).</param>
/// <param name="TlsKeyPath">The TLS client key (<c>tls/client.key</c>).</param>
public sealed record UserMaterial(
    string Name,
    string CommonName,
    bool IsAdmin,
    bool IsNamed,
    IReadOnlyDictionary<string, string> Attributes,
    string Directory,
    string MspDirectory,
    string SigningCertificatePath,
    string PrivateKeyPath,
    string TlsCaCertificatePath,
    string TlsCertificatePath,
    string TlsKeyPath)
{
    /// <summary>The name a connection profile lists this identity under: the user name for named users (<c>alice</c>), the CN otherwise (<c>Admin@org1.example.com</c>).</summary>
    public string IdentityName => IsNamed ? Name : CommonName;
}
