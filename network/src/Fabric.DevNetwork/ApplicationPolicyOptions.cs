namespace Fabric.DevNetwork;

/// <summary>
/// The channel's Application-level policies, as the <c>Application.Policies</c> section of configtx.yaml:
/// each either an implicit-meta rule over the organisations' policies (<c>ANY Readers</c>,
/// <c>MAJORITY Endorsement</c>, <c>ALL Writers</c>) or a signature policy (<c>OR('Org1MSP.peer')</c>).
/// Written into the config block; null keeps our configtx.yaml's default, shown for each property.
/// </summary>
public sealed record ApplicationPolicyOptions
{
    /// <summary><c>/Channel/Application/Readers</c>. Default <c>ANY Readers</c>.</summary>
    public string? Readers { get; init; }

    /// <summary><c>/Channel/Application/StatusReaders</c> (commit status, filtered blocks). Default <c>ANY StatusReaders</c>.</summary>
    public string? StatusReaders { get; init; }

    /// <summary><c>/Channel/Application/Writers</c>. Default <c>ANY Writers</c>.</summary>
    public string? Writers { get; init; }

    /// <summary><c>/Channel/Application/Admins</c>. Default <c>MAJORITY Admins</c>.</summary>
    public string? Admins { get; init; }

    /// <summary>
    /// <c>/Channel/Application/Endorsement</c>, the endorsement policy of every chaincode that has none of
    /// its own. Default <c>MAJORITY Endorsement</c>.
    /// </summary>
    public string? Endorsement { get; init; }

    /// <summary><c>/Channel/Application/LifecycleEndorsement</c>. Default <c>MAJORITY Endorsement</c>.</summary>
    public string? LifecycleEndorsement { get; init; }
}
