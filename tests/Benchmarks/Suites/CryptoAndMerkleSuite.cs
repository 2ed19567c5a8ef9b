using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Benchmarks.Suites.Internal;
using Hyperledger.Fabric.Identity;
using HealthRecords.Domain.Merkle;

namespace Benchmarks.Suites;

/// <summary>
/// The primitives every transaction and every proof pays for, each on one thread: ECDSA P-256
/// signing and verification as Hyperledger.Fabric.Identity does them (low-S DER), and the health-records Merkle
/// log (RFC 9162) appending leaves and building and checking inclusion and consistency proofs at
/// 1,000 and 100,000 leaves.
/// </summary>
public sealed class CryptoAndMerkleSuite : IBenchmarkSuite
{
    private static readonly int[] s_sizes = [1_000, 100_000];

    /// <inheritdoc />
    public string Name => "crypto-and-merkle";

    /// <inheritdoc />
    public async Task<string> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var md = new StringBuilder();
        md.AppendLine("## Crypto and Merkle").AppendLine();
        md.AppendLine("One thread each, in process. ECDSA P-256 over a 2 KB message (about the size of a proposal) with SHA-256, through Hyperledger.Fabric.Identity: signing returns low-S DER; verifying with the certificate extracts its public key each time (what a one-off check costs), verifying with a reused key is what a cache of validated identities costs. Merkle: `HealthRecords.Domain.Merkle.MerkleLog` over an in-memory dictionary (the chaincode stores the same keys in the world state); proofs are for random leaves of the full tree, consistency proofs from a random older size.").AppendLine();

        context.Progress.WriteLine("  ECDSA P-256");
        md.AppendLine("| ECDSA P-256 (Hyperledger.Fabric.Identity) | per second | µs each |").AppendLine("| --- | ---: | ---: |");
        var ecdsa = await MeasureEcdsaAsync(context, cancellationToken).ConfigureAwait(false);
        foreach (var (what, perSecond) in ecdsa)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {perSecond:N0} | {1_000_000 / perSecond:0.0} |");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| ratio: verify with a reused key / with the certificate each time | {ecdsa[2].PerSecond / ecdsa[1].PerSecond:0.00}x | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| ratio: sign / verify (reused key) | {ecdsa[0].PerSecond / ecdsa[2].PerSecond:0.00}x | |");

        md.AppendLine();
        md.AppendLine("| Merkle log | n = 1,000 | n = 100,000 | ratio 100,000 / 1,000 |").AppendLine("| --- | ---: | ---: | ---: |");
        var columns = new List<Dictionary<string, double>>();
        foreach (var size in s_sizes)
        {
            context.Progress.WriteLine($"  Merkle log, {size:N0} leaves");
            columns.Add(await MeasureMerkleAsync(size, context, cancellationToken).ConfigureAwait(false));
        }

        foreach (var row in columns[0].Keys)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {row} per second | {columns[0][row]:N0} | {columns[1][row]:N0} | {columns[1][row] / columns[0][row]:0.00}x |");
        }

        md.AppendLine();
        md.AppendLine("Appends are timed while the log grows from empty to n (each append reads the head, then writes the leaf, its completed subtree nodes and the head); proofs read O(log n) stored nodes.");

        context.Progress.WriteLine("  Merkle inclusion-proof verification, 1,000,000 leaves");
        var (pathLength, verified, bare) = await MeasureVerificationAtMillionAsync(context, cancellationToken).ConfigureAwait(false);
        var ratio = bare / verified;
        md.AppendLine();
        md.AppendLine("### Inclusion-proof verification at n = 1,000,000 against the bare hashing it needs").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"A proof for a random leaf of a 1,000,000-leaf log has {pathLength} nodes, so verifying it is {pathLength} SHA-256 computations over 65 bytes (0x01 || left || right). The bare row times exactly those computations, with `SHA256.HashData` into a stack buffer, in the same run. Target: verification within 1.5x of the bare work.").AppendLine();
        md.AppendLine("| operation | per second | µs each |").AppendLine("| --- | ---: | ---: |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| `MerkleProofs.VerifyInclusion` ({pathLength}-node proof) | {verified:N0} | {1_000_000 / verified:0.00} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| bare SHA-256, {pathLength} x 65 bytes | {bare:N0} | {1_000_000 / bare:0.00} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| ratio: verification time / bare hashing time | {ratio:0.00}x | target <= 1.5x: {(ratio <= 1.5 ? "met" : "not met")} |");
        context.Targets.Record(
            "Merkle inclusion-proof verification at n = 10^6 within 1.5x of the bare SHA-256 work",
            ratio <= 1.5,
            string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}x ({1_000_000 / verified:0.00} µs vs {1_000_000 / bare:0.00} µs for {pathLength} x 65-byte hashes)"),
            "Crypto and Merkle section: one thread, in process, both timed in the same run");
        return md.ToString();
    }

    private static async Task<(int PathLength, double Verified, double Bare)> MeasureVerificationAtMillionAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        const int size = 1_000_000;
        var log = new MerkleLog(new InMemoryMerkleStorage());
        for (var i = 0; i < size; i++)
        {
            await log.AppendAsync(Encoding.UTF8.GetBytes($"{{\"record\":\"rec-{i:D7}\"}}"), cancellationToken).ConfigureAwait(false);
        }

        var proof = await log.GetInclusionProofAsync(new Random(size).Next(size), cancellationToken: cancellationToken).ConfigureAwait(false);
        var pathLength = proof.AuditPath.Count;
        var nodes = proof.AuditPath.Select(n => n.ToArray()).ToArray();
        var verified = await RateAsync(context, () => Check(MerkleProofs.VerifyInclusion(proof, proof.LeafHash.Span))).ConfigureAwait(false);
        var bare = await RateAsync(context, () =>
        {
            Span<byte> buffer = stackalloc byte[65];
            Span<byte> digest = stackalloc byte[32];
            buffer[0] = 0x01;
            for (var i = 0; i < nodes.Length; i++)
            {
                nodes[i].CopyTo(buffer[1..]);
                digest.CopyTo(buffer[33..]);
                SHA256.HashData(buffer, digest);
            }

            return Task.CompletedTask;
        }).ConfigureAwait(false);
        return (pathLength, verified, bare);
    }

    private static async Task<List<(string What, double PerSecond)>> MeasureEcdsaAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=bench", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        using var publicKey = certificate.GetECDsaPublicKey()!;
        var signer = Signers.FromPrivateKey(key);
        var message = RandomNumberGenerator.GetBytes(2048);
        var signature = await signer.SignAsync(SHA256.HashData(message), cancellationToken).ConfigureAwait(false);
        if (!EcdsaSignatures.Verify(certificate, message, signature))
        {
            throw new InvalidOperationException("The benchmark signature does not verify.");
        }

        var sign = await RateAsync(context, async () => await signer.SignAsync(SHA256.HashData(message), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var verifyWithCertificate = await RateAsync(context, () => Check(EcdsaSignatures.Verify(certificate, message, signature))).ConfigureAwait(false);
        var verifyWithKey = await RateAsync(context, () => Check(EcdsaSignatures.VerifyDigest(publicKey, SHA256.HashData(message), signature))).ConfigureAwait(false);
        return
        [
            ("sign (SHA-256 + low-S DER signature)", sign),
            ("verify, public key taken from the certificate each time", verifyWithCertificate),
            ("verify, public key reused", verifyWithKey),
        ];
    }

    private static async Task<Dictionary<string, double>> MeasureMerkleAsync(int size, BenchmarkContext context, CancellationToken cancellationToken)
    {
        var leaves = Enumerable.Range(0, size).Select(i => Encoding.UTF8.GetBytes($"{{\"record\":\"rec-{i:D6}\",\"sha256\":\"{i:x64}\"}}")).ToArray();

        // warm-up: a throwaway log, so the timed appends do not include compiling the code
        var warmup = new MerkleLog(new InMemoryMerkleStorage());
        foreach (var leaf in leaves.Take(1000))
        {
            await warmup.AppendAsync(leaf, cancellationToken).ConfigureAwait(false);
        }

        var log = new MerkleLog(new InMemoryMerkleStorage());
        var stopwatch = Stopwatch.StartNew();
        foreach (var leaf in leaves)
        {
            await log.AppendAsync(leaf, cancellationToken).ConfigureAwait(false);
        }

        var appends = size / stopwatch.Elapsed.TotalSeconds;

        // fixed seeds: every run asks for the same leaves and sizes
        var random = new Random(size);
        var inclusion = await log.GetInclusionProofAsync(random.Next(size), cancellationToken: cancellationToken).ConfigureAwait(false);
        var consistency = await log.GetConsistencyProofAsync(random.Next(1, size), size, cancellationToken).ConfigureAwait(false);
        var results = new Dictionary<string, double>
        {
            ["append"] = appends,
            ["inclusion proof built"] = await RateAsync(context, async () => inclusion = await log.GetInclusionProofAsync(random.Next(size), cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false),
            ["inclusion proof verified"] = await RateAsync(context, () => Check(MerkleProofs.VerifyInclusion(inclusion, inclusion.LeafHash.Span))).ConfigureAwait(false),
            ["consistency proof built"] = await RateAsync(context, async () => consistency = await log.GetConsistencyProofAsync(random.Next(1, size), size, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false),
            ["consistency proof verified"] = await RateAsync(context, () => Check(MerkleProofs.VerifyConsistency(consistency))).ConfigureAwait(false),
        };
        return results;
    }

    /// <summary>Runs <paramref name="operation"/> for the warm-up, then counts it for a share of the measurement time.</summary>
    private static async Task<double> RateAsync(BenchmarkContext context, Func<Task> operation)
    {
        // the suite takes thirteen measurements: each gets a quarter of the measurement time
        var duration = context.MeasurementTime / 4;
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed < context.WarmupTime / 4)
        {
            await operation().ConfigureAwait(false);
        }

        var count = 0;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration)
        {
            await operation().ConfigureAwait(false);
            count++;
        }

        return count / stopwatch.Elapsed.TotalSeconds;
    }

    private static Task Check(bool verified) =>
        verified ? Task.CompletedTask : throw new InvalidOperationException("A benchmark verification failed.");
}
