using Fabric.DevNetwork.Tests.Ledger.Support;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Tests.Validation;

[Collection(NetworkMaterialCollection.Name)]
public sealed class StateBasedEndorsementTests(NetworkMaterial material)
{
    [Fact]
    public async Task Commit_KeyWithValidationParameter_UsesKeyPolicyInsteadOfChaincodePolicy()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var org1Only = OrgPeerPolicy("Org1MSP").ToByteString();
        await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "v").WriteMetadata("k", "VALIDATION_PARAMETER", org1Only));

        var byOrg1 = await harness.SubmitAndWaitAsync(new TestTransaction(material.Org1Client, material.Org1Peer).Write("k", "org1"));
        var byOrg2 = await harness.SubmitAndWaitAsync(new TestTransaction(material.Org1Client, material.Org2Peer).Write("k", "org2"));

        Assert.Equal(TxValidationCode.Valid, byOrg1.Code);
        Assert.Equal(TxValidationCode.EndorsementPolicyFailure, byOrg2.Code);
        var value = harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "k")!;
        Assert.Equal("org1", value.Value.ToStringUtf8());
        Assert.Equal(org1Only, value.Metadata["VALIDATION_PARAMETER"]);
    }

    private static SignaturePolicyEnvelope OrgPeerPolicy(string mspId) => new()
    {
        Rule = new SignaturePolicy { NOutOf = new SignaturePolicy.Types.NOutOf { N = 1, Rules = { new SignaturePolicy { SignedBy = 0 } } } },
        Identities =
        {
            new MSPPrincipal
            {
                PrincipalClassification = MSPPrincipal.Types.Classification.Role,
                Principal = new MSPRole { MspIdentifier = mspId, Role = MSPRole.Types.MSPRoleType.Peer }.ToByteString(),
            },
        },
    };
}
