namespace Architecture.Tests;

/// <summary>
/// The layers of docs/architecture.md, as rules over assembly references. Names are matched by
/// prefix, so a new project under a forbidden name is caught without editing the rules.
/// </summary>
public static class LayerRules
{
    /// <summary>Our own assemblies: the Fabric libraries, the dev network and crypto tools, the health-records parts.</summary>
    public static bool IsOurs(string name) =>
        name.StartsWith("Hyperledger.Fabric.", StringComparison.Ordinal)
        || name.StartsWith("Fabric.", StringComparison.Ordinal)
        || name.StartsWith("HealthRecords.", StringComparison.Ordinal)
        || name == "hrec";

    private static bool IsFabric(string name) =>
        name.StartsWith("Hyperledger.Fabric.", StringComparison.Ordinal)
        || name.StartsWith("Fabric.", StringComparison.Ordinal)
        || name.StartsWith("Grpc.", StringComparison.Ordinal)
        || name.StartsWith("Google.Protobuf", StringComparison.Ordinal);

    private static bool IsHealthRecords(string name) =>
        name.StartsWith("HealthRecords.", StringComparison.Ordinal) || name == "hrec";

    /// <summary>The domain references nothing from Fabric (nor gRPC, nor protobuf), and of ours only the contracts.</summary>
    public static readonly LayerRule DomainHasNoFabricReference = new(
        nameof(DomainHasNoFabricReference),
        "HealthRecords.Domain",
        "off-chain verifiers and unit tests use the domain without Fabric",
        name => IsFabric(name) || (IsOurs(name) && name != "HealthRecords.Contracts"));

    /// <summary>The contracts reference nothing from Fabric and nothing of ours: clients and off-chain verifiers take them alone.</summary>
    public static readonly LayerRule ContractsHaveNoFabricReference = new(
        nameof(ContractsHaveNoFabricReference),
        "HealthRecords.Contracts",
        "the client and off-chain verifiers depend on the contracts, not on the chaincode's rules",
        name => IsFabric(name) || IsOurs(name));

    /// <summary>The generic gateway client knows nothing of health records, the shim or the dev network.</summary>
    public static readonly LayerRule GatewayKnowsNoHealthRecords = new(
        nameof(GatewayKnowsNoHealthRecords),
        "Hyperledger.Fabric.Gateway",
        "the gateway is a generic Fabric package",
        name => IsHealthRecords(name)
            || name.StartsWith("Hyperledger.Fabric.Shim", StringComparison.Ordinal)
            || name.StartsWith("Fabric.DevNetwork", StringComparison.Ordinal));

    /// <summary>The gateway does not depend on Polly: retry pipelines are the opt-in Resilience package's.</summary>
    public static readonly LayerRule GatewayHasNoPolly = new(
        nameof(GatewayHasNoPolly),
        "Hyperledger.Fabric.Gateway",
        "a caller who never retries through Polly does not ship it; the pipelines live in Hyperledger.Fabric.Gateway.Resilience",
        name => name.StartsWith("Polly", StringComparison.Ordinal));

    /// <summary>The resilience package, like the gateway it wraps, knows nothing of health records, the shim or the dev network.</summary>
    public static readonly LayerRule ResilienceKnowsNoHealthRecords = new(
        nameof(ResilienceKnowsNoHealthRecords),
        "Hyperledger.Fabric.Gateway.Resilience",
        "the resilience package is a generic Fabric package",
        name => IsHealthRecords(name)
            || name.StartsWith("Hyperledger.Fabric.Shim", StringComparison.Ordinal)
            || name.StartsWith("Fabric.DevNetwork", StringComparison.Ordinal));

    /// <summary>The shim knows nothing of health records, the gateway client or the dev network.</summary>
    public static readonly LayerRule ShimKnowsNoClientSide = new(
        nameof(ShimKnowsNoClientSide),
        "Hyperledger.Fabric.Shim",
        "the shim is a generic Fabric package on the chaincode side",
        name => IsHealthRecords(name)
            || name.StartsWith("Hyperledger.Fabric.Gateway", StringComparison.Ordinal)
            || name.StartsWith("Fabric.DevNetwork", StringComparison.Ordinal));

    /// <summary>
    /// The dev network shares with the client and the shim only the wire schema and the identity
    /// primitives (and uses its own crypto-material generator); everything else it checks with its own code.
    /// </summary>
    public static readonly LayerRule DevNetworkSharesOnlyWireSchemaAndIdentity = new(
        nameof(DevNetworkSharesOnlyWireSchemaAndIdentity),
        "Fabric.DevNetwork",
        "a builder shared by both ends would let its bug pass on the dev network and fail on Fabric",
        name => IsOurs(name) && name is not ("Hyperledger.Fabric.Protos" or "Hyperledger.Fabric.Identity" or "Fabric.CryptoGen"));

    /// <summary>The health-records client depends on the contracts, not on the domain's rules, and runs without the chaincode's host, the shim or the dev network.</summary>
    public static readonly LayerRule ClientHasNoChaincodeOrNetwork = new(
        nameof(ClientHasNoChaincodeOrNetwork),
        "HealthRecords.Client",
        "the client package ships the client side only",
        name => name is "HealthRecords.Domain" or "HealthRecords.Chaincode" or "hrec"
            || name.StartsWith("Hyperledger.Fabric.Shim", StringComparison.Ordinal)
            || name.StartsWith("Fabric.DevNetwork", StringComparison.Ordinal)
            || name.StartsWith("Fabric.CryptoGen", StringComparison.Ordinal));

    /// <summary>
    /// The CLI does not embed the network: hrec reaches neither the dev network, nor the chaincode host, nor
    /// the domain's rules (directly or through another assembly), so the hrec package holds only the client
    /// side and runs the dev network tool (fabric-devnet) and the chaincode server as child processes.
    /// </summary>
    public static readonly LayerRule CliDoesNotEmbedTheNetwork = new(
        nameof(CliDoesNotEmbedTheNetwork),
        "hrec",
        "the hrec package holds only the client side",
        name => name is "HealthRecords.Domain" or "HealthRecords.Chaincode"
            || name.StartsWith("Fabric.DevNetwork", StringComparison.Ordinal)
            || name.StartsWith("Hyperledger.Fabric.Shim", StringComparison.Ordinal))
    {
        Transitive = true,
    };

    /// <summary>Every rule, for the tests.</summary>
    public static IReadOnlyList<LayerRule> All { get; } =
    [
        DomainHasNoFabricReference,
        ContractsHaveNoFabricReference,
        GatewayKnowsNoHealthRecords,
        GatewayHasNoPolly,
        ResilienceKnowsNoHealthRecords,
        ShimKnowsNoClientSide,
        DevNetworkSharesOnlyWireSchemaAndIdentity,
        ClientHasNoChaincodeOrNetwork,
        CliDoesNotEmbedTheNetwork,
    ];
}
