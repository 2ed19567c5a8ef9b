namespace HealthRecords.Cli.Internal;

/// <summary>What <see cref="RecordPublisher"/> turns into a stored blob and an on-chain pointer.</summary>
internal sealed record RecordContent(string PatientId, string ResourceType, string Category, byte[] Content, string MediaType)
{
    /// <summary>Record this URI instead of storing the content (the content is still hashed).</summary>
    public string? Location { get; init; }

    /// <summary>The append's purpose (devices); null for the chaincode's default (treatment).</summary>
    public string? Purpose { get; init; }

    /// <summary>Wrap the content in CMS SignedData by the acting identity before storing.</summary>
    public bool Sign { get; init; }

    /// <summary>Profile identities to encrypt the content for (CMS); empty for none.</summary>
    public IReadOnlyList<string> EncryptFor { get; init; } = [];
}
