namespace Hyperledger.Fabric.Identity;

/// <summary>The node organisational units (NodeOUs) Fabric uses to classify an MSP's identities.</summary>
public enum NodeOU
{
    /// <summary>An application user (OU <c>client</c>).</summary>
    Client,

    /// <summary>A peer node (OU <c>peer</c>).</summary>
    Peer,

    /// <summary>An ordering node (OU <c>orderer</c>).</summary>
    Orderer,

    /// <summary>An organisation administrator (OU <c>admin</c>).</summary>
    Admin,
}
