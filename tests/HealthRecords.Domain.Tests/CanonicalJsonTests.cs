using System.Text;
using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain.Tests;

public sealed class CanonicalJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 6, 7, 8, 9, 10, TimeSpan.Zero);

    [Fact]
    public void Serialize_HistoryLeaf_IsTheDocumentedByteExactEncoding()
    {
        var consent = new Consent(
            "con-1", "pat-1", new Grantee("organization", "Org2MSP"), ["read"], new ConsentScope(["laboratory"], []), "treatment", "TREAT",
            At, null, "active", new ActorRef("Org1MSP", "x509::CN=a", "patient"), At, "tx1", 0, null);

        var bytes = HealthRecordsJson.Serialize(new HistoryLeaf<Consent>(1, "consent-granted", "pat-1", "tx1", At, consent));

        Assert.Equal(
            """{"v":1,"type":"consent-granted","patientId":"pat-1","txId":"tx1","timestamp":"2026-05-06T07:08:09.010Z","subject":{"consentId":"con-1","patientId":"pat-1","grantee":{"type":"organization","value":"Org2MSP","mspId":null},"actions":["read"],"scope":{"categories":["laboratory"],"recordIds":[]},"purpose":"treatment","purposeCode":"TREAT","validFrom":"2026-05-06T07:08:09.010Z","validUntil":null,"status":"active","grantedBy":{"mspId":"Org1MSP","id":"x509::CN=a","role":"patient"},"grantedAt":"2026-05-06T07:08:09.010Z","txId":"tx1","historyIndex":0,"revocation":null}}""",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Serialize_NonAsciiAndSpecialCharacters_EscapesOnlyQuotesBackslashAndControls()
    {
        var bytes = HealthRecordsJson.Serialize(new ActorRef("Org1MSP", "é<+>&'\"\\\u0001", "patient"));
        Assert.Equal("{\"mspId\":\"Org1MSP\",\"id\":\"é<+>&'\\\"\\\\\\u0001\",\"role\":\"patient\"}", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Serialize_PlainNonAsciiText_IsRawUtf8()
    {
        var text = "Patientin bewusstlos – Ärztin: «sofort» 患者";
        Assert.True(Internal.Validate.IsPlainText(text));
        Assert.Equal($"{{\"mspId\":\"m\",\"id\":\"{text}\",\"role\":\"r\"}}", Encoding.UTF8.GetString(HealthRecordsJson.Serialize(new ActorRef("m", text, "r"))));
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("nbsp\u00a0here")]
    [InlineData("zero\u200bwidth")]
    [InlineData("line\u2028sep")]
    [InlineData("emoji \ud83d\ude00")]
    [InlineData("del\u007f")]
    [InlineData("private\ue000")]
    public void IsPlainText_CharactersTheEncoderWouldEscape_Rejected(string text)
    {
        Assert.False(Internal.Validate.IsPlainText(text));
    }

    [Theory]
    [InlineData("2026-01-02T03:04:05Z", "2026-01-02T03:04:05.000Z")]
    [InlineData("2026-01-02T03:04:05.123456789+02:00", "2026-01-02T01:04:05.123Z")]
    [InlineData("2026-01-02T03:04:05.9-05:30", "2026-01-02T08:34:05.900Z")]
    public void Deserialize_Rfc3339WithOffset_NormalisesToUtcMilliseconds(string input, string canonical)
    {
        var request = HealthRecordsJson.Deserialize<GrantConsentRequest>(Encoding.UTF8.GetBytes(
            $$"""{"patientId":"p","grantee":{"type":"role","value":"provider"},"actions":["read"],"scope":{},"purpose":"treatment","validFrom":"{{input}}"}"""));

        Assert.Contains($"\"validFrom\":\"{canonical}\"", Encoding.UTF8.GetString(HealthRecordsJson.Serialize(request)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-01-02T03:04:05")]
    [InlineData("2026-01-02 03:04:05Z")]
    [InlineData("02/01/2026")]
    [InlineData("1767322800")]
    public void Deserialize_TimestampWithoutOffsetOrNotRfc3339_InvalidArgument(string input)
    {
        var json = $$"""{"patientId":"p","grantee":{"type":"role","value":"provider"},"actions":["read"],"scope":{},"purpose":"treatment","validFrom":"{{input}}"}""";
        var ex = Assert.Throws<DomainException>(() => HealthRecordsJson.Deserialize<GrantConsentRequest>(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(DomainErrorCodes.InvalidArgument, ex.Code);
    }

    [Theory]
    [InlineData("provider", Role.Provider)]
    [InlineData("emergency", Role.Emergency)]
    [InlineData("Provider", Role.None)]
    [InlineData("superuser", Role.None)]
    public void Caller_RoleAttribute_ParsedExactly(string attribute, Role expected)
    {
        var caller = new Caller("Org1MSP", "x509::a", new Dictionary<string, string> { [Caller.RoleAttribute] = attribute });
        Assert.Equal(expected, caller.Role);
        Assert.Null(caller.PatientId);
    }
}
