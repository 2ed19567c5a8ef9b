using Hyperledger.Fabric.Identity;

namespace HealthRecords.Client.Profiles;

/// <summary>
/// An identity's private key in a PKCS#11 token, from the <c>hsm</c> object of its <c>x-hrec.identities</c>
/// entry: the module, the token (label or slot), the PIN (inline or from an environment variable) and the
/// key (label and/or <c>CKA_ID</c>). <see cref="ToString"/> never shows the PIN.
/// </summary>
public sealed record ConnectionProfileHsm
{
    /// <summary>Absolute path of the PKCS#11 module (<c>library</c>).</summary>
    public required string LibraryPath { get; init; }

    /// <summary>The token's label (<c>tokenLabel</c>), or null when <see cref="Slot"/> names the token.</summary>
    public string? TokenLabel { get; init; }

    /// <summary>The token's slot id (<c>slot</c>), or null when <see cref="TokenLabel"/> names the token.</summary>
    public ulong? Slot { get; init; }

    /// <summary>The user PIN written in the profile (<c>pin</c>), or null when <see cref="PinEnvironmentVariable"/> names it.</summary>
    public string? Pin { get; init; }

    /// <summary>The environment variable holding the user PIN (<c>pinEnv</c>), read when a signer is created; or null.</summary>
    public string? PinEnvironmentVariable { get; init; }

    /// <summary>The private key's <c>CKA_LABEL</c> (<c>keyLabel</c>), or null.</summary>
    public string? KeyLabel { get; init; }

    /// <summary>The private key's <c>CKA_ID</c> (<c>keyId</c>, hex in the profile), or null.</summary>
    public ReadOnlyMemory<byte>? KeyId { get; init; }

    /// <summary>Signer options for <see cref="HsmSignerFactory.NewSignerAsync"/>, with the PIN resolved.</summary>
    /// <param name="timeout">How long each token operation may take; null for <see cref="HsmSignerOptions.Timeout"/>'s default.</param>
    /// <exception cref="InvalidOperationException">The PIN comes from an environment variable that is not set.</exception>
    public HsmSignerOptions ToSignerOptions(TimeSpan? timeout = null)
    {
        var pin = Pin;
        if (PinEnvironmentVariable is not null)
        {
            pin = Environment.GetEnvironmentVariable(PinEnvironmentVariable);
            if (string.IsNullOrEmpty(pin))
            {
                throw new InvalidOperationException($"the PKCS#11 PIN is read from the environment variable {PinEnvironmentVariable}, which is not set");
            }
        }

        var options = new HsmSignerOptions { TokenLabel = TokenLabel, Slot = Slot, Pin = pin ?? "", KeyLabel = KeyLabel, KeyId = KeyId };
        return timeout is { } t ? options with { Timeout = t } : options;
    }

    /// <summary>The module, token and key, without the PIN.</summary>
    /// <returns>A description for messages and logs.</returns>
    public override string ToString() =>
        string.Join(", ", new[]
        {
            $"library {LibraryPath}",
            TokenLabel is null ? null : $"token '{TokenLabel}'",
            Slot is { } slot ? $"slot {slot}" : null,
            KeyLabel is null ? null : $"key label '{KeyLabel}'",
            KeyId is { } id ? $"CKA_ID {Convert.ToHexStringLower(id.Span)}" : null,
            PinEnvironmentVariable is null ? null : $"PIN from ${PinEnvironmentVariable}",
        }.Where(s => s is not null));
}
