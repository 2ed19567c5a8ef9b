using System.Text;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

/// <summary>Bad input through the JSON entry point the chaincode adapter uses: a clear code and no state written.</summary>
public sealed class BadInputTests
{
    private const string GoodRecord =
        """{"patientId":"pat-0001","resourceType":"Observation","category":"laboratory","location":"https://h.example/x","contentHash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","size":1,"mediaType":"application/fhir+json"}""";

    private readonly Scenario _s = new();
    private readonly HealthRecordsDispatcher _dispatcher;

    public BadInputTests()
    {
        _dispatcher = new HealthRecordsDispatcher(_s.Service);
    }

    private async Task<DomainException> Refused(string function, string json, string code = DomainErrorCodes.InvalidArgument)
    {
        var stateBefore = _s.Ledger.State.Count;
        var ex = await Assert.ThrowsAsync<DomainException>(() => _s.Ledger.RunAsync(Provider(), tx => _dispatcher.InvokeAsync(tx, function, Encoding.UTF8.GetBytes(json))));
        Assert.Equal(code, ex.Code);
        Assert.Empty(_s.Ledger.Last!.WriteSet);
        Assert.Null(_s.Ledger.Last.Event);
        Assert.Equal(stateBefore, _s.Ledger.State.Count);
        return ex;
    }

    private static string With(string property, string rawValue) =>
        System.Text.RegularExpressions.Regex.Replace(GoodRecord, $"\"{property}\":(\"[^\"]*\"|\\d+)", $"\"{property}\":{rawValue}");

    [Fact]
    public async Task AddRecord_GoodJson_Succeeds()
    {
        await _s.RegisterAsync();
        var response = await _s.Ledger.RunAsync(Provider(), tx => _dispatcher.InvokeAsync(tx, "AddRecord", Encoding.UTF8.GetBytes(GoodRecord)));
        Assert.StartsWith("{\"record\":{\"recordId\":\"rec-", Encoding.UTF8.GetString(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"patientId\":\"pat-0001\"")]
    public async Task AddRecord_MalformedJson_InvalidArgument(string json)
    {
        await _s.RegisterAsync();
        await Refused("AddRecord", json);
    }

    [Theory]
    [InlineData("contentHash")]
    [InlineData("location")]
    [InlineData("size")]
    public async Task AddRecord_MissingField_InvalidArgumentNamingIt(string field)
    {
        await _s.RegisterAsync();
        var json = System.Text.RegularExpressions.Regex.Replace(GoodRecord, $",?\"{field}\":(\"[^\"]*\"|\\d+)", string.Empty);
        var ex = await Refused("AddRecord", json);
        Assert.Contains(field, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AddRecord_NullForRequiredField_InvalidArgument()
    {
        await _s.RegisterAsync();
        await Refused("AddRecord", With("category", "null"));
    }

    [Fact]
    public async Task AddRecord_UnknownProperty_InvalidArgument()
    {
        await _s.RegisterAsync();
        await Refused("AddRecord", GoodRecord.Replace("}", ",\"diagnosis\":\"flu\"}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("contentHash", "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a\"")] // 62 digits
    [InlineData("contentHash", "\"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\"")] // uppercase
    [InlineData("category", "\"psychiatry\"")]
    [InlineData("resourceType", "\"Patient\"")]
    [InlineData("location", "\"ftp://h.example/x\"")]
    [InlineData("location", "\"relative/path\"")]
    [InlineData("location", "\"https://h.example/a b\"")]
    [InlineData("mediaType", "\"not a media type\"")]
    [InlineData("size", "-1")]
    [InlineData("size", "\"12\"")]
    [InlineData("patientId", "\"bad id with spaces\"")]
    public async Task AddRecord_InvalidField_InvalidArgument(string field, string rawValue)
    {
        await _s.RegisterAsync();
        await Refused("AddRecord", With(field, rawValue));
    }

    [Fact]
    public async Task AddRecord_OversizeLocation_InvalidArgument()
    {
        await _s.RegisterAsync();
        var ex = await Refused("AddRecord", With("location", $"\"https://h.example/{new string('a', 2048)}\""));
        Assert.Contains("2048", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRecord_OversizeRequest_InvalidArgument()
    {
        await _s.RegisterAsync();
        await Refused("AddRecord", With("mediaType", $"\"{new string('a', HealthRecordsJson.MaxRequestBytes)}\""));
    }

    [Fact]
    public async Task AddRecord_UnknownPatient_NotFound()
    {
        await Refused("AddRecord", GoodRecord, DomainErrorCodes.NotFound);
    }

    [Fact]
    public async Task GetRecord_UnknownRecord_NotFound()
    {
        await Refused("GetRecord", $"{{\"recordId\":\"rec-{new string('0', 40)}\"}}", DomainErrorCodes.NotFound);
    }

    [Fact]
    public async Task RequestAccess_UnknownRecord_NotFound()
    {
        await Refused("RequestAccess", $"{{\"recordId\":\"rec-{new string('0', 40)}\",\"purpose\":\"treatment\"}}", DomainErrorCodes.NotFound);
    }

    [Fact]
    public async Task GrantConsent_BadTimestamp_InvalidArgument()
    {
        await _s.RegisterAsync();
        await Refused("GrantConsent", """{"patientId":"pat-0001","grantee":{"type":"organization","value":"Org2MSP"},"actions":["read"],"scope":{"categories":["laboratory"]},"purpose":"treatment","validUntil":"2027-01-01 00:00"}""");
    }

    [Fact]
    public async Task GrantConsent_UnknownPurpose_InvalidArgument()
    {
        await _s.RegisterAsync();
        await Refused("GrantConsent", """{"patientId":"pat-0001","grantee":{"type":"organization","value":"Org2MSP"},"actions":["read"],"scope":{"categories":["laboratory"]},"purpose":"marketing"}""");
    }

    public static TheoryData<string> AllFunctions() => [.. new HealthRecordsDispatcher().Functions.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(AllFunctions))]
    public async Task Invoke_AnyFunction_MalformedOrUnknownMembers_InvalidArgumentAndNothingWritten(string function)
    {
        await _s.RegisterAsync();
        await Refused(function, "[1]");
        await Refused(function, "{\"unexpected\":1}");
        await Refused(function, "{\"patientId\":\"pat-0001\"} trailing");
    }

    [Fact]
    public async Task Invoke_UnknownFunction_InvalidArgument()
    {
        await Refused("DeleteRecord", "{}");
    }

    [Fact]
    public async Task ListRecords_PageSizeOutOfRange_InvalidArgument()
    {
        await _s.RegisterAsync();
        await Refused("ListRecords", """{"patientId":"pat-0001","pageSize":201}""");
        await Refused("ListRecords", """{"patientId":"pat-0001","pageSize":0}""");
    }
}
