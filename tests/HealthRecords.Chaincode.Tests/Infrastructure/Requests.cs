using System.Text.Json;

namespace HealthRecords.Chaincode.Tests.Infrastructure;

/// <summary>Request JSON as a client would send it (written by hand, not by the domain's serializer).</summary>
internal static class Requests
{
    public const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    public const string OtherHash = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    public static string Json(object value) => JsonSerializer.Serialize(value);

    public static string Patient(string patientId = TestIdentities.P1) => Json(new { patientId });

    public static string Record(string patientId = TestIdentities.P1, string category = "laboratory", string hash = Hash, string? purpose = null) =>
        purpose is null
            ? Json(new
            {
                patientId, resourceType = "Observation", category, location = "https://fhir.org1.example.com/Observation/123",
                contentHash = hash, size = 2048, mediaType = "application/fhir+json",
            })
            : Json(new
            {
                patientId, resourceType = "Observation", category, location = "https://fhir.org1.example.com/Observation/123",
                contentHash = hash, size = 2048, mediaType = "application/fhir+json", purpose,
            });

    public static string Supersede(string recordId) => Json(new
    {
        recordId, location = "https://fhir.org1.example.com/Observation/123/_history/2", contentHash = OtherHash, size = 4096,
        mediaType = "application/fhir+json",
    });

    public static string GrantToOrg(string mspId, string category = "laboratory", string purpose = "treatment", string patientId = TestIdentities.P1) =>
        Json(new
        {
            patientId, grantee = new { type = "organization", value = mspId }, actions = new[] { "read" },
            scope = new { categories = new[] { category } }, purpose,
        });

    public static string GrantToRole(string role, string[] actions, string category, string purpose, string patientId = TestIdentities.P1) =>
        Json(new
        {
            patientId, grantee = new { type = "role", value = role }, actions,
            scope = new { categories = new[] { category } }, purpose,
        });

    public static string GrantUntil(string mspId, DateTimeOffset validUntil, string patientId = TestIdentities.P1) =>
        Json(new
        {
            patientId, grantee = new { type = "organization", value = mspId }, actions = new[] { "read" },
            scope = new { categories = new[] { "laboratory" } }, purpose = "treatment", validUntil = validUntil.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        });

    public static string Consent(string consentId, string patientId = TestIdentities.P1) => Json(new { patientId, consentId });

    public static string ReadRecord(string recordId, string purpose = "treatment") => Json(new { recordId, purpose });

    public static string GetRecord(string recordId) => Json(new { recordId });
}
