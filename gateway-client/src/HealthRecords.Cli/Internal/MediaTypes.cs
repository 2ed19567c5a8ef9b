namespace HealthRecords.Cli.Internal;

/// <summary>Media types the CLI assigns to content.</summary>
internal static class MediaTypes
{
    /// <summary>CMS content (signed and/or encrypted), RFC 8551.</summary>
    public const string Cms = "application/pkcs7-mime";

    /// <summary>A guess from the file name; <c>application/octet-stream</c> when unknown.</summary>
    public static string FromFileName(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".json" => "application/fhir+json",
        ".xml" => "application/fhir+xml",
        ".pdf" => "application/pdf",
        ".txt" => "text/plain",
        ".csv" => "text/csv",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".dcm" => "application/dicom",
        _ => "application/octet-stream",
    };
}
