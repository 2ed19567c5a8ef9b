namespace Architecture.Tests;

public sealed class LayerRuleTests
{
    /// <summary>Each rule with one reference that breaks it: proof that the rule can fail.</summary>
    public static TheoryData<LayerRule, string> BrokenBy => new()
    {
        { LayerRules.DomainHasNoFabricReference, "Hyperledger.Fabric.Shim" },
        { LayerRules.DomainHasNoFabricReference, "Google.Protobuf" },
        { LayerRules.DomainHasNoFabricReference, "HealthRecords.Client" },
        { LayerRules.ContractsHaveNoFabricReference, "Hyperledger.Fabric.Gateway" },
        { LayerRules.ContractsHaveNoFabricReference, "HealthRecords.Domain" },
        { LayerRules.GatewayKnowsNoHealthRecords, "HealthRecords.Domain" },
        { LayerRules.GatewayKnowsNoHealthRecords, "Fabric.DevNetwork" },
        { LayerRules.GatewayKnowsNoHealthRecords, "HealthRecords.Client" },
        { LayerRules.GatewayHasNoPolly, "Polly.Core" },
        { LayerRules.GatewayHasNoPolly, "Polly" },
        { LayerRules.ResilienceKnowsNoHealthRecords, "HealthRecords.Client" },
        { LayerRules.ResilienceKnowsNoHealthRecords, "Hyperledger.Fabric.Shim" },
        { LayerRules.ShimKnowsNoClientSide, "Hyperledger.Fabric.Gateway" },
        { LayerRules.ShimKnowsNoClientSide, "HealthRecords.Domain" },
        { LayerRules.DevNetworkSharesOnlyWireSchemaAndIdentity, "Hyperledger.Fabric.Gateway" },
        { LayerRules.DevNetworkSharesOnlyWireSchemaAndIdentity, "Hyperledger.Fabric.Shim" },
        { LayerRules.ClientHasNoChaincodeOrNetwork, "HealthRecords.Domain" },
        { LayerRules.ClientHasNoChaincodeOrNetwork, "HealthRecords.Chaincode" },
        { LayerRules.ClientHasNoChaincodeOrNetwork, "Fabric.DevNetwork" },
        { LayerRules.CliDoesNotEmbedTheNetwork, "Fabric.DevNetwork" },
        { LayerRules.CliDoesNotEmbedTheNetwork, "HealthRecords.Chaincode" },
        { LayerRules.CliDoesNotEmbedTheNetwork, "HealthRecords.Domain" },
    };

    public static TheoryData<LayerRule> Rules => new(LayerRules.All);

    [Theory]
    [MemberData(nameof(Rules))]
    public void RealAssembly_References_BreakNoRule(LayerRule rule)
    {
        var references = rule.ReferencesOfSubject();

        Assert.Contains("System.Runtime", references); // the reader saw real metadata
        Assert.Empty(rule.Violations(references));
    }

    [Theory]
    [MemberData(nameof(BrokenBy))]
    public void SyntheticReferenceSet_WithForbiddenReference_IsAViolation(LayerRule rule, string forbidden)
    {
        var references = rule.ReferencesOfSubject().Append(forbidden);

        Assert.Equal([forbidden], rule.Violations(references));
    }

    [Fact]
    public void DevNetworkRule_AllowsWireSchemaIdentityAndCryptoGen()
    {
        var allowed = new[] { "Hyperledger.Fabric.Protos", "Hyperledger.Fabric.Identity", "Fabric.CryptoGen", "Grpc.AspNetCore.Server", "System.Runtime" };

        Assert.Empty(LayerRules.DevNetworkSharesOnlyWireSchemaAndIdentity.Violations(allowed));
    }

    [Fact]
    public void Client_References_ContractsAndGateway()
    {
        // The client rule holds because the client uses the contracts, not because it uses nothing.
        var references = AssemblyReferences.Of("HealthRecords.Client");

        Assert.Contains("HealthRecords.Contracts", references);
        Assert.Contains("Hyperledger.Fabric.Gateway", references);
    }

    [Fact]
    public void Resilience_References_GatewayAndPolly()
    {
        // The Polly pipelines moved here, not away: the package that wraps the gateway is the one that needs Polly.
        var references = AssemblyReferences.Of("Hyperledger.Fabric.Gateway.Resilience");

        Assert.Contains("Hyperledger.Fabric.Gateway", references);
        Assert.Contains("Polly.Core", references);
    }

    [Fact]
    public void DevNetwork_References_WireSchemaAndIdentity()
    {
        // Guards the rule above against passing because the assembly read was the wrong one.
        var references = AssemblyReferences.Of("Fabric.DevNetwork");

        Assert.Contains("Hyperledger.Fabric.Protos", references);
        Assert.Contains("Hyperledger.Fabric.Identity", references);
    }

    [Fact]
    public void Cli_ReachesMoreThanItsDirectReferences()
    {
        // The CLI rule reads the closure: it also sees what hrec reaches only through the client and the gateway.
        var direct = AssemblyReferences.Of("hrec");
        var reached = LayerRules.CliDoesNotEmbedTheNetwork.ReferencesOfSubject();

        Assert.Contains("HealthRecords.Client", direct);
        Assert.All(direct, name => Assert.Contains(name, reached));
        Assert.All(AssemblyReferences.Of("HealthRecords.Client"), name => Assert.Contains(name, reached));
        Assert.NotEmpty(reached.Except(direct));
    }

    [Fact]
    public void ClosureRule_ForbiddenAssemblyReachedThroughAnother_IsAViolation()
    {
        // What the rule would see had hrec kept its reference to the chaincode host: the domain comes in behind it.
        var reached = AssemblyReferences.Of("hrec").Concat(AssemblyReferences.ClosureOf("HealthRecords.Chaincode"));

        Assert.Contains("HealthRecords.Domain", LayerRules.CliDoesNotEmbedTheNetwork.Violations(reached));
    }
}
