using System.Security.Cryptography.X509Certificates;
using HealthRecords.Client.OffChain;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// <c>record add</c>: optionally signs (CMS SignedData by the acting identity) and encrypts (CMS, for
/// recipients' certificates) the content, stores the resulting bytes in the content-addressed store
/// (unless a location is given), and submits the pointer with the stored bytes' SHA-256 and size.
/// </summary>
internal sealed class RecordPublisher(CliContext context, ContentAddressedStore store)
{
    public async Task<RecordResponse> AddAsync(RecordContent content, CancellationToken cancellationToken, string? identityName = null)
    {
        var identity = identityName ?? context.IdentityName;
        var bytes = content.Content;
        var mediaType = content.MediaType;
        if (content.Sign)
        {
            bytes = SignAs(identity, bytes);
            mediaType = MediaTypes.Cms;
        }

        if (content.EncryptFor.Count > 0)
        {
            bytes = CmsEnvelope.Encrypt(bytes, content.EncryptFor.Select(context.Certificate).ToList());
            mediaType = MediaTypes.Cms;
        }

        string location;
        if (content.Location is { } given)
        {
            location = given;
        }
        else
        {
            var address = await store.PutAsync(bytes, cancellationToken).ConfigureAwait(false);
            location = address.Uri;
        }

        var request = new AddRecordRequest(
            content.PatientId,
            content.ResourceType,
            content.Category,
            location,
            ContentHash.Compute(bytes),
            bytes.LongLength,
            mediaType,
            content.Purpose);
        return await context.Client(identity).AddRecordAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>CMS SignedData by the identity's certificate and key (the client's device signer).</summary>
    private byte[] SignAs(string identityName, byte[] content)
    {
        var identity = context.Profile.GetIdentity(identityName);
        using var certificate = X509Certificate2.CreateFromPemFile(identity.CertificatePath, CliContext.RequireKeyFile(identity, "sign device payloads (CMS)"));
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw CliException.Usage($"identity '{identityName}' has no EC private key to sign with");
        return DevicePayloadSigner.Sign(content, certificate, key);
    }
}
