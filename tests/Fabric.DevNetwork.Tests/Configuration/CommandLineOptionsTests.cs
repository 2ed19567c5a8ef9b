using Fabric.DevNetwork.Configuration;

namespace Fabric.DevNetwork.Tests.Configuration;

/// <summary>The command line of <c>Fabric.DevNetwork</c>.</summary>
public sealed class CommandLineOptionsTests
{
    [Fact]
    public void Parse_UpWithoutOptions_UsesDocumentedDefaults()
    {
        var options = CommandLineOptions.Parse(["up"]);

        Assert.Equal(".devnet", options.DataDirectory);
        Assert.False(options.Plaintext);
        Assert.Equal(2, options.Organizations);
        Assert.Equal(7051, options.BasePort);
        Assert.Empty(options.Chaincodes);
    }

    [Fact]
    public void Parse_ChaincodeWithPolicyAndVersion_BuildsDefinition()
    {
        var options = CommandLineOptions.Parse(
            ["up", "--plaintext", "--orgs", "3", "--chaincode", "healthrecords=127.0.0.1:9999", "--policy", "healthrecords=AND('Org1MSP.peer','Org2MSP.peer')", "--version", "healthrecords=2.1"]);

        var definition = Assert.Single(options.Chaincodes);
        Assert.True(options.Plaintext);
        Assert.Equal(3, options.Organizations);
        Assert.Equal("healthrecords", definition.Name);
        Assert.Equal("127.0.0.1:9999", definition.Address);
        Assert.Equal("AND('Org1MSP.peer','Org2MSP.peer')", definition.EndorsementPolicy);
        Assert.Equal("2.1", definition.Version);
    }

    [Fact]
    public void Parse_PackageId_SetsTheIdTheChaincodeMustRegisterWith()
    {
        var plain = Assert.Single(CommandLineOptions.Parse(["up", "--chaincode", "healthrecords=127.0.0.1:9999"]).Chaincodes);
        var named = Assert.Single(CommandLineOptions.Parse(
            ["up", "--chaincode", "healthrecords=127.0.0.1:9999", "--package-id", "healthrecords=healthrecords_1.0:5e0b1f3c"]).Chaincodes);

        Assert.Equal("healthrecords_1.0:dev", plain.PackageId);
        Assert.Equal("healthrecords_1.0:5e0b1f3c", named.PackageId);
        Assert.Throws<ArgumentException>(() => CommandLineOptions.Parse(["up", "--package-id", "other=x:1"]));
    }

    [Fact]
    public void Parse_ChaincodeCommandWithoutAddress_DefinesTheChaincodeOnAFreeLoopbackPort()
    {
        var options = CommandLineOptions.Parse(
            ["up", "--chaincode-command", "healthrecords=/opt/cc/HealthRecords.Chaincode.dll", "--policy", "healthrecords=ANY", "--stop-when-stdin-closes"]);

        var definition = Assert.Single(options.Chaincodes);
        Assert.Equal("healthrecords", definition.Name);
        Assert.Equal("127.0.0.1:0", definition.Address);
        Assert.Equal("ANY", definition.EndorsementPolicy);
        Assert.Equal("/opt/cc/HealthRecords.Chaincode.dll", options.ChaincodeCommands["healthrecords"]);
        Assert.True(options.StopWhenStdinCloses);
    }

    [Fact]
    public void Parse_ChaincodeCommandWithAddress_KeepsTheAddress()
    {
        var options = CommandLineOptions.Parse(["up", "--chaincode", "cc=127.0.0.1:9999", "--chaincode-command", "cc=/bin/cc"]);

        Assert.Equal("127.0.0.1:9999", Assert.Single(options.Chaincodes).Address);
        Assert.False(options.StopWhenStdinCloses);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("up", "--orgs", "0")]
    [InlineData("up", "--chaincode", "no-address")]
    [InlineData("up", "--policy", "other=ANY")]
    [InlineData("up", "--data")]
    public void Parse_InvalidCommandLine_ThrowsArgumentException(params string[] args)
    {
        Assert.Throws<ArgumentException>(() => CommandLineOptions.Parse(args));
    }
}
