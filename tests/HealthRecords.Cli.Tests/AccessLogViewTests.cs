using HealthRecords.Cli.Internal;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Cli.Tests;

public sealed class AccessLogViewTests
{
    private const string Id = "x509::CN=nurse7@org3.example.com,OU=client,L=San Francisco,C=US::CN=ca.org3.example.com,O=org3.example.com,C=US";

    [Fact]
    public void Who_IdentityOfTheProfile_IsItsName()
    {
        var known = new Dictionary<string, string> { [AccessLogView.Key("Org3MSP", Id)] = "night-nurse" };

        Assert.Equal("night-nurse", AccessLogView.Who(new ActorRef("Org3MSP", Id, "provider"), known));
    }

    [Fact]
    public void Who_UnknownIdentity_IsItsCommonName()
    {
        Assert.Equal("nurse7@org3.example.com", AccessLogView.Who(new ActorRef("Org3MSP", Id, "provider"), new Dictionary<string, string>()));
    }

    [Fact]
    public void Who_SameIdInAnotherOrganisation_IsNotTakenForTheProfileIdentity()
    {
        var known = new Dictionary<string, string> { [AccessLogView.Key("Org3MSP", Id)] = "night-nurse" };

        Assert.Equal("nurse7@org3.example.com", AccessLogView.Who(new ActorRef("Org9MSP", Id, "provider"), known));
    }
}
