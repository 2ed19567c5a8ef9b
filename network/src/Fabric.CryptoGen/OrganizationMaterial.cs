namespace Fabric.CryptoGen;

/// <summary>Where an organisation's generated material lives (absolute paths).</summary>
/// <param name="Name">The organisation name, e.g. <c>Org1</c>.</param>
/// <param name="MspId">The MSP ID, e.g. <c>Org1MSP</c>.</param>
/// <param name="Domain">The domain, e.g. <c>org1.example.com</c>.</param>
/// <param name="IsOrdererOrg">True for an orderer organisation.</param>
/// <param name="NodeOUsEnabled">Whether NodeOUs are enabled.</param>
/// <param name="Directory">The organisation folder (<c>peerOrganizations/&lt;domain&gt;</c>).</param>
/// <param name="MspDirectory">The organisation's verifying MSP folder (<c>msp</c>).</param>
/// <param name="CaCertificatePath">The CA certificate (<c>ca/ca.&lt;domain&gt;-cert.pem</c>).</param>
/// <param name="CaKeyPath">The CA private key (<c>ca/priv_sk</c>).</param>
/// <param name="TlsCaCertificatePath">The TLS CA certificate (<c>tlsca/tlsca.&lt;domain&gt;-cert.pem</c>).</param>
/// <param name="TlsCaKeyPath">The TLS CA private key (<c>tlsca/priv_sk</c>).</param>
/// <param name="Nodes">Peers or orderers.</param>
/// <param name="Users">Users, Admin first.</param>
public sealed record OrganizationMaterial(
    string Name,
    string MspId,
    string Domain,
    bool IsOrdererOrg,
    bool NodeOUsEnabled,
    string Directory,
    string MspDirectory,
    string CaCertificatePath,
    string CaKeyPath,
    string TlsCaCertificatePath,
    string TlsCaKeyPath,
    IReadOnlyList<NodeMaterial> Nodes,
    IReadOnlyList<UserMaterial> Users)
{
    /// <summary>The org MSP's root CA certificate path (<c>msp/cacerts/ca.&lt;domain&gt;-cert.pem</c>).</summary>
    public string MspCaCertificatePath => Path.Combine(MspDirectory, "cacerts", $"ca.{Domain}-cert.pem");

    /// <summary>The user called <paramref name="name"/> (user name, identity name or CN).</summary>
    /// <param name="name">E.g. <c>alice</c>, <c>Admin</c>, <c>User1@org1.example.com</c>.</param>
    /// <exception cref="KeyNotFoundException">No such user.</exception>
    public UserMaterial GetUser(string name) =>
        Users.FirstOrDefault(u => u.Name == name || u.CommonName == name)
        ?? throw new KeyNotFoundException($"organisation {Name} has no user '{name}'");
}
