using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthRecords.Cli.Demo;

/// <summary>Small FHIR R4 resources for the demo's off-chain content.</summary>
internal static class FhirSamples
{
    public static byte[] HeartRate(string patientId, DateTimeOffset at, int beatsPerMinute) => Serialize(new JsonObject
    {
        ["resourceType"] = "Observation",
        ["status"] = "final",
        ["category"] = Category("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs"),
        ["code"] = Code("http://loinc.org", "8867-4", "Heart rate"),
        ["subject"] = new JsonObject { ["reference"] = $"Patient/{patientId}" },
        ["effectiveDateTime"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["valueQuantity"] = new JsonObject { ["value"] = beatsPerMinute, ["unit"] = "beats/minute", ["system"] = "http://unitsofmeasure.org", ["code"] = "/min" },
        ["device"] = new JsonObject { ["display"] = "alice-watch" },
    });

    public static byte[] LabReport(string patientId, string loinc, string name, string value, string unit) => Serialize(new JsonObject
    {
        ["resourceType"] = "DiagnosticReport",
        ["status"] = "final",
        ["category"] = Category("http://terminology.hl7.org/CodeSystem/v2-0074", "LAB"),
        ["code"] = Code("http://loinc.org", loinc, name),
        ["subject"] = new JsonObject { ["reference"] = $"Patient/{patientId}" },
        ["performer"] = new JsonArray(new JsonObject { ["display"] = "Hospital laboratory (Org1MSP)" }),
        ["conclusion"] = $"{name}: {value} {unit}",
    });

    private static JsonArray Category(string system, string code) =>
        new(new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) });

    private static JsonObject Code(string system, string code, string display) =>
        new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code, ["display"] = display }) };

    private static byte[] Serialize(JsonObject resource) => JsonSerializer.SerializeToUtf8Bytes(resource, new JsonSerializerOptions { WriteIndented = true });
}
