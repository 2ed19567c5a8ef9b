namespace Fabric.DevNetwork.Policies;

/// <summary>The role part of a policy principal such as <c>'Org1MSP.peer'</c>.</summary>
public enum PrincipalRole
{
    /// <summary>Any valid identity of the MSP (<c>.member</c>).</summary>
    Member,

    /// <summary>An identity whose NodeOU is admin (<c>.admin</c>).</summary>
    Admin,

    /// <summary>An identity whose NodeOU is client (<c>.client</c>).</summary>
    Client,

    /// <summary>An identity whose NodeOU is peer (<c>.peer</c>).</summary>
    Peer,

    /// <summary>An identity whose NodeOU is orderer (<c>.orderer</c>).</summary>
    Orderer,
}
