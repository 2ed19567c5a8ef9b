namespace Hyperledger.Fabric.Identity;

/// <summary>
/// Which key in a PKCS#11 token signs, in the shape of the official Go client's HSM signer options:
/// the token (by label or slot id), the user PIN, and the private key (by label or <c>CKA_ID</c>).
/// </summary>
public sealed record HsmSignerOptions
{
    /// <summary>The token's label (<c>CKA_LABEL</c> of the token, as <c>softhsm2-util --init-token --label</c> sets it). Give this or <see cref="Slot"/>.</summary>
    public string? TokenLabel { get; init; }

    /// <summary>The slot id holding the token. Give this or <see cref="TokenLabel"/>.</summary>
    public ulong? Slot { get; init; }

    /// <summary>The user PIN. Required.</summary>
    public string Pin { get; init; } = "";

    /// <summary>The private key's <c>CKA_LABEL</c>. Give this, <see cref="KeyId"/>, or both.</summary>
    public string? KeyLabel { get; init; }

    /// <summary>The private key's <c>CKA_ID</c> (Fabric's BCCSP uses the SKI). Give this, <see cref="KeyLabel"/>, or both.</summary>
    public ReadOnlyMemory<byte>? KeyId { get; init; }

    /// <summary>How long opening the session, logging in or one signature may take before <see cref="HsmException"/>. Default 10 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
