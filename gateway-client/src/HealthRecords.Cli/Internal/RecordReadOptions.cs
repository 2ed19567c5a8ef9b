namespace HealthRecords.Cli.Internal;

/// <summary>What <see cref="RecordReader"/> does beyond reading the pointer and verifying its proof.</summary>
internal sealed record RecordReadOptions
{
    /// <summary>The purpose of a logged read. Default treatment.</summary>
    public string Purpose { get; init; } = "treatment";

    /// <summary>Use <c>GetRecord</c> (patient, delegate, custodian) instead of the logged <c>ReadRecord</c>.</summary>
    public bool Unlogged { get; init; }

    /// <summary>Fetch the content and check it against the on-chain hash and size.</summary>
    public bool FetchContent { get; init; }

    /// <summary>Decrypt the (fetched) content with the acting identity's key.</summary>
    public bool Decrypt { get; init; }

    /// <summary>Check the (fetched, decrypted) content's CMS signature against the profile's CAs and unwrap it.</summary>
    public bool CheckSignature { get; init; }
}
