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

    /// <summary>
    /// The Application's <c>ACLs</c> value, as configtx.yaml's <c>Application.ACLs</c>: each resource
    /// (<c>event/Block</c>, <c>gateway/CommitStatus</c>, <c>qscc/GetChainInfo</c>, ...) mapped to a policy,
    /// absolute (<c>/Channel/Application/Readers</c>) or relative to <c>/Channel/Application</c> (<c>Readers</c>).
    /// The peer reads the table back from the config block; a resource left out is checked against Fabric's
    /// default (<c>peer/Propose</c>: Writers; the others: Readers). Null keeps our configtx.yaml's table:
    /// commit status, filtered blocks and chain height StatusReaders; whole blocks, chaincode events and the
    /// other qscc queries Readers.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Acls { get; init; }
}
