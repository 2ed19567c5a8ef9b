namespace Fabric.DevNetwork;

/// <summary>
/// One organisation's channel policies, as its <c>Policies</c> section of configtx.yaml: each a Fabric
/// signature policy such as <c>OR('Org1MSP.admin', 'Org1MSP.client')</c>. They are written into the
/// channel's config block, and the peers evaluate the channel policies (Readers, Writers, Endorsement)
/// from that block. Null keeps our configtx.yaml's default, shown for each property.
/// </summary>
public sealed record OrganizationPolicyOptions
{
    /// <summary>Who may read whole blocks and chaincode events (Deliver, ChaincodeEvents). Default <c>OR('OrgX.admin', 'OrgX.peer')</c>.</summary>
    public string? Readers { get; init; }

    /// <summary>Who may read commit statuses and filtered blocks. Default <c>OR('OrgX.admin', 'OrgX.peer', 'OrgX.client')</c>.</summary>
    public string? StatusReaders { get; init; }

    /// <summary>Who may write (proposals, broadcast). Default <c>OR('OrgX.admin', 'OrgX.client')</c>.</summary>
    public string? Writers { get; init; }

    /// <summary>The organisation's administrators. Default <c>OR('OrgX.admin')</c>.</summary>
    public string? Admins { get; init; }

    /// <summary>Whose endorsement counts for the organisation under <c>/Channel/Application/Endorsement</c>. Default <c>OR('OrgX.peer')</c>.</summary>
    public string? Endorsement { get; init; }
}
