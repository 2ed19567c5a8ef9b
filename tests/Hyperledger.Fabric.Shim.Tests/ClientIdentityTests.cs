using System.Text;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;

namespace Hyperledger.Fabric.Shim.Tests;

public sealed class ClientIdentityTests
{
    [Fact]
    public void FromSerializedIdentity_CaCertificate_ExposesMspIdIdAndAttributes()
    {
        using var identity = TestIdentity.Create("Org1MSP", "alice", new Dictionary<string, string> { ["hrec.role"] = "patient", ["hrec.patient"] = "pt-alice" });

        var client = ClientIdentity.FromSerializedIdentity(identity.Identity.ToSerializedIdentity());

        Assert.Equal("Org1MSP", client.MspId);
        Assert.StartsWith("x509::CN=alice,OU=client,O=Org1MSP,C=US::CN=ca.org1msp,O=Org1MSP,C=US", client.Id, StringComparison.Ordinal);
        Assert.Equal(client.Id, Encoding.UTF8.GetString(Convert.FromBase64String(client.EncodedId)));
        Assert.Equal("pt-alice", client.GetAttributeValue("hrec.patient"));
        Assert.True(client.AssertAttributeValue("hrec.role", "patient"));
        Assert.False(client.AssertAttributeValue("hrec.role", "admin"));
        Assert.False(client.AssertAttributeValue("missing", "x"));
        Assert.Null(client.GetAttributeValue("missing"));
    }

    [Fact]
    public void FromSerializedIdentity_NoAttributeExtension_HasNoAttributes()
    {
        using var identity = TestIdentity.Create("Org2MSP", "bob");

        var client = ClientIdentity.FromSerializedIdentity(identity.Identity.ToSerializedIdentity());

        Assert.Empty(client.Attributes);
    }
}
