namespace Hyperledger.Fabric.Identity;

/// <summary>
/// The NodeOUs section of an MSP's <c>config.yaml</c>. When enabled, every identity must carry
/// exactly one of the four node OUs, which says whether it is a client, peer, admin or orderer.
/// </summary>
/// <param name="Enable">Whether NodeOU classification is on.</param>
/// <param name="Client">The client OU.</param>
/// <param name="Peer">The peer OU.</param>
/// <param name="Admin">The admin OU.</param>
/// <param name="Orderer">The orderer OU.</param>
public sealed record NodeOUSettings(bool Enable, NodeOUIdentifier? Client, NodeOUIdentifier? Peer, NodeOUIdentifier? Admin, NodeOUIdentifier? Orderer)
{
    /// <summary>Enabled with Fabric's OU values <c>client</c>, <c>peer</c>, <c>admin</c>, <c>orderer</c> and no CA restriction.</summary>
    public static NodeOUSettings Default { get; } = new(
        true,
        new NodeOUIdentifier("client"),
        new NodeOUIdentifier("peer"),
        new NodeOUIdentifier("admin"),
        new NodeOUIdentifier("orderer"));

    /// <summary>NodeOUs disabled: identities are not classified by OU.</summary>
    public static NodeOUSettings Disabled { get; } = new(false, null, null, null, null);

    /// <summary>The identifier configured for <paramref name="ou"/>, or null.</summary>
    /// <param name="ou">The node role.</param>
    public NodeOUIdentifier? For(NodeOU ou) => ou switch
    {
        NodeOU.Client => Client,
        NodeOU.Peer => Peer,
        NodeOU.Admin => Admin,
        NodeOU.Orderer => Orderer,
        _ => null,
    };

    /// <summary>The OU value Fabric uses for <paramref name="ou"/> by default (<c>client</c>, <c>peer</c>, <c>admin</c>, <c>orderer</c>).</summary>
    /// <param name="ou">The node role.</param>
    public static string DefaultIdentifier(NodeOU ou) => ou switch
    {
        NodeOU.Client => "client",
        NodeOU.Peer => "peer",
        NodeOU.Admin => "admin",
        NodeOU.Orderer => "orderer",
        _ => throw new ArgumentOutOfRangeException(nameof(ou)),
    };
}
