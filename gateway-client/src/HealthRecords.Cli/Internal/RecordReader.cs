using System.Security.Cryptography.X509Certificates;
using HealthRecords.Client.OffChain;
using HealthRecords.Client.Proofs;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// <c>record get</c>: reads the pointer (the logged <c>ReadRecord</c>, or <c>GetRecord</c>), checks its
/// inclusion proof (the client does; checked again here so the CLI reports exactly what was proven), and
/// optionally fetches the content, checks it against the on-chain SHA-256 and size, decrypts it (CMS, with
/// the acting identity's key) and checks a device's signature (CMS SignedData chaining to a profile CA).
/// </summary>
internal sealed class RecordReader(CliContext context, ContentAddressedStore store)
{
    public async Task<RecordReadResult> ReadAsync(string recordId, RecordReadOptions options, CancellationToken cancellationToken, string? identityName = null)
    {
        var identity = identityName ?? context.IdentityName;
        // Fail before the (logged) read when the key cannot decrypt: a key in a PKCS#11 token only signs.
        var keyFile = options.Decrypt ? CliContext.RequireKeyFile(context.Profile.GetIdentity(identity), "decrypt CMS content") : null;
        var client = context.Client(identity);
        RecordPointer record;
        HistoryProof proof;
        string? salt;
        AccessEntry? access = null;
        if (options.Unlogged)
        {
            var response = await client.GetRecordAsync(new GetRecordRequest(recordId), cancellationToken).ConfigureAwait(false);
            (record, proof, salt) = (response.Record, response.Proof, response.Salt);
        }
        else
        {
            var response = await client.ReadRecordAsync(new ReadRecordRequest(recordId, options.Purpose), cancellationToken).ConfigureAwait(false);
            (record, proof, access, salt) = (response.Record, response.Proof, response.Access, response.Salt);
        }

        HistoryProofs.VerifyRecord(record, salt, proof);
        if (!options.FetchContent && !options.Decrypt && !options.CheckSignature)
        {
            return new RecordReadResult(record, proof, access, null, null, null);
        }

        var stored = await ContentStore.FetchVerifiedAsync(store, record.Location, record.ContentHash, record.Size, cancellationToken).ConfigureAwait(false);
        var content = stored;
        if (options.Decrypt)
        {
            using var certificate = X509Certificate2.CreateFromPemFile(context.Profile.GetIdentity(identity).CertificatePath, keyFile);
            content = CmsEnvelope.Decrypt(content, certificate);
        }

        string? signer = null;
        if (options.CheckSignature)
        {
            var roots = context.Profile.CaCertificates().ToList();
            var signed = DevicePayloadSigner.Verify(content, roots);
            signer = signed.Signer.Subject;
            content = signed.Content.ToArray();
        }

        return new RecordReadResult(record, proof, access, stored, content, signer);
    }
}
