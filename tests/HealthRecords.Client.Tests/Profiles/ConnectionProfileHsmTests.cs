using HealthRecords.Client.Profiles;

namespace HealthRecords.Client.Tests.Profiles;

/// <summary>Parsing the <c>hsm</c> form of a connection profile identity (a key in a PKCS#11 token).</summary>
public sealed class ConnectionProfileHsmTests
{
    private const string Pin = "secret-4711";

    [Fact]
    public void Parse_HsmIdentityByLabelAndId_ReadsTokenPinAndKey()
    {
        var identity = Parse("""{ "library": "/usr/lib/softhsm/libsofthsm2.so", "tokenLabel": "fabric", "pin": "secret-4711", "keyLabel": "user1", "keyId": "0A1b" }""");

        Assert.Null(identity.KeyPath);
        var hsm = Assert.IsType<ConnectionProfileHsm>(identity.Hsm);
        Assert.Equal("/usr/lib/softhsm/libsofthsm2.so", hsm.LibraryPath);
        Assert.Equal("fabric", hsm.TokenLabel);
        Assert.Null(hsm.Slot);
        Assert.Equal("user1", hsm.KeyLabel);
        Assert.Equal(new byte[] { 0x0A, 0x1B }, hsm.KeyId!.Value.ToArray());
        var options = hsm.ToSignerOptions();
        Assert.Equal(Pin, options.Pin);
        Assert.Equal("user1", options.KeyLabel);
    }

    [Fact]
    public void Parse_HsmIdentityBySlotWithPinEnv_ReadsPinFromEnvironmentWhenSignerIsMade()
    {
        var variable = "HREC_TEST_PIN_" + Environment.ProcessId;
        var identity = Parse($$"""{ "library": "lib.so", "slot": 3, "pinEnv": "{{variable}}", "keyId": "01" }""");
        Environment.SetEnvironmentVariable(variable, Pin);
        try
        {
            var options = identity.Hsm!.ToSignerOptions(TimeSpan.FromSeconds(3));

            Assert.Equal(3UL, options.Slot);
            Assert.Equal(Pin, options.Pin);
            Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
            Assert.Equal(Path.GetFullPath("/tmp/lib.so"), identity.Hsm.LibraryPath);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void ToSignerOptions_PinEnvNotSet_ThrowsInvalidOperationNamingVariable()
    {
        var identity = Parse("""{ "library": "lib.so", "tokenLabel": "t", "pinEnv": "HREC_TEST_PIN_NOT_SET_ANYWHERE", "keyLabel": "k" }""");

        var error = Assert.Throws<InvalidOperationException>(() => identity.Hsm!.ToSignerOptions());

        Assert.Contains("HREC_TEST_PIN_NOT_SET_ANYWHERE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_HsmIdentity_NeverShowsPin()
    {
        var identity = Parse("""{ "library": "lib.so", "tokenLabel": "t", "pin": "secret-4711", "keyLabel": "k" }""");

        Assert.DoesNotContain(Pin, identity.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Pin, identity.Hsm!.ToString(), StringComparison.Ordinal);
        Assert.Contains("token 't'", identity.Hsm.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem", "keyPath": "k.pem", "hsm": { "library": "l.so", "tokenLabel": "t", "pin": "1", "keyLabel": "k" } }""", "has both keyPath and hsm")]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem" }""", "needs keyPath (a PEM key file) or hsm")]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem", "hsm": "softhsm" }""", "x-hrec.identities.bob.hsm must be an object")]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem", "hsm": { "tokenLabel": "t", "pin": "1", "keyLabel": "k" } }""", "x-hrec.identities.bob.hsm.library is required")]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem", "hsm": { "library": "l.so", "pin": "1", "keyLabel": "k" } }""", "needs exactly one of tokenLabel and slot")]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem", "hsm": { "library": "l.so", "tokenLabel": "t", "slot": 1, "pin": "1", "keyLabel": "k" } }""", "needs exactly one of tokenLabel and slot")]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem", "hsm": { "library": "l.so", "slot": -1, "pin": "1", "keyLabel": "k" } }""", "hsm.slot must be a non-negative integer")]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem", "hsm": { "library": "l.so", "tokenLabel": "t", "keyLabel": "k" } }""", "needs exactly one of pin and pinEnv")]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem", "hsm": { "library": "l.so", "tokenLabel": "t", "pin": "secret-4711", "pinEnv": "P", "keyLabel": "k" } }""", "needs exactly one of pin and pinEnv")]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem", "hsm": { "library": "l.so", "tokenLabel": "t", "pin": "secret-4711" } }""", "needs keyLabel, keyId (hex CKA_ID) or both")]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem", "hsm": { "library": "l.so", "tokenLabel": "t", "pin": "secret-4711", "keyId": "0xZZ" } }""", "hsm.keyId must be the CKA_ID in hex")]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem", "hsm": { "library": "l.so", "tokenLabel": "t", "pin": "secret-4711", "keyLabel": "" } }""", "hsm.keyLabel must not be empty")]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem", "hsm": { "library": "l.so", "tokenLabel": "t", "pinenv": "P", "keyLabel": "k" } }""", "hsm.pinenv is not a known property")]
    [InlineData("""{ "mspid": "Org1MSP", "certPath": "c.pem", "hsm": { "library": "l.so", "tokenLabel": "t", "pin": 4711, "keyLabel": "k" } }""", "'pin' must be a string")]
    public void Parse_InvalidHsmIdentity_ThrowsInvalidDataExceptionNamingFieldNotPin(string identity, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => ConnectionProfile.Parse(Profile(identity), "/tmp"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Pin, error.Message, StringComparison.Ordinal);
    }

    private static ConnectionProfileIdentity Parse(string hsm) =>
        ConnectionProfile.Parse(Profile($$"""{ "mspid": "Org1MSP", "certPath": "c.pem", "hsm": {{hsm}} }"""), "/tmp").Identities["bob"];

    private static string Profile(string identity) => $$"""{ "x-hrec": { "identities": { "bob": {{identity}} } } }""";
}
