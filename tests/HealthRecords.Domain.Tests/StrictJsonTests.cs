using HealthRecords.Domain.Contracts;

namespace HealthRecords.Domain.Tests;

/// <summary>Requests parse one way only: a property given twice is refused, at any depth.</summary>
public sealed class StrictJsonTests
{
    [Theory]
    [InlineData("{\"patientId\":\"pt-bob\",\"patientId\":\"pt-alice\"}")]
    [InlineData("{\"patientId\":\"pt-bob\",\"category\":null,\"category\":\"laboratory\"}")]
    public void Deserialize_DuplicateTopLevelProperty_InvalidArgument(string json)
    {
        var ex = Assert.Throws<DomainException>(() => HealthRecordsJson.Deserialize<ListRecordsRequest>(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal(DomainErrorCodes.InvalidArgument, ex.Code);
    }

    [Fact]
    public void Deserialize_DuplicateNestedProperty_InvalidArgument()
    {
        var json = "{\"patientId\":\"p\",\"grantee\":{\"type\":\"organization\",\"value\":\"Org2MSP\",\"value\":\"Org1MSP\"},"
            + "\"actions\":[\"read\"],\"scope\":{\"categories\":[\"laboratory\"]},\"purpose\":\"treatment\"}";

        var ex = Assert.Throws<DomainException>(() => HealthRecordsJson.Deserialize<GrantConsentRequest>(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal(DomainErrorCodes.InvalidArgument, ex.Code);
    }

    [Fact]
    public void Deserialize_EachPropertyOnce_Parses()
    {
        var parsed = HealthRecordsJson.Deserialize<ListRecordsRequest>("{\"patientId\":\"pt-bob\",\"category\":\"laboratory\"}"u8);

        Assert.Equal(("pt-bob", "laboratory"), (parsed.PatientId, parsed.Category));
    }
}
