using System.Reflection;
using Fabric.CryptoGen;

namespace Fabric.DevNetwork.Hosting.Internal;

/// <summary>
/// The network's crypto material: Fabric's cryptogen layout under <c>&lt;data&gt;/crypto</c>, generated from
/// the repository's crypto-config.yaml (embedded) on first start, extended to more organisations when
/// asked, and reused as it is on every later start.
/// </summary>
internal static class NetworkCrypto
{
    private const string CompleteMarker = ".complete";

    public static CryptoMaterial Prepare(string dataDirectory, int organizationCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(organizationCount, 1);
        var root = Path.Combine(dataDirectory, "crypto");
        var config = CreateConfig(organizationCount);
        if (File.Exists(Path.Combine(root, CompleteMarker)))
        {
            return CryptoMaterial.Describe(config, root);
        }

        if (Directory.Exists(root))
        {
            // A generation interrupted half-way: start it again from nothing.
            Directory.Delete(root, recursive: true);
        }

        var material = CryptoGenerator.Generate(config, root);
        File.WriteAllText(Path.Combine(root, CompleteMarker), organizationCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return material;
    }

    /// <summary>The organisation count the data folder was generated with, or null for a new folder.</summary>
    public static int? ExistingOrganizationCount(string dataDirectory)
    {
        var marker = Path.Combine(dataDirectory, "crypto", CompleteMarker);
        return File.Exists(marker) && int.TryParse(File.ReadAllText(marker).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : null;
    }

    private static CryptoConfig CreateConfig(int organizationCount)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("crypto-config.yaml")
            ?? throw new InvalidOperationException("the embedded crypto-config.yaml is missing");
        using var reader = new StreamReader(stream);
        var config = CryptoConfig.Parse(reader.ReadToEnd());
        if (config.PeerOrgs.Count > organizationCount)
        {
            config.PeerOrgs.RemoveRange(organizationCount, config.PeerOrgs.Count - organizationCount);
        }

        for (var n = config.PeerOrgs.Count + 1; n <= organizationCount; n++)
        {
            config.PeerOrgs.Add(new OrgSpec
            {
                Name = $"Org{n}",
                Domain = $"org{n}.example.com",
                MspId = $"Org{n}MSP",
                EnableNodeOUs = true,
                Template = new NodeTemplate { Count = 1, SubjectAlternativeNames = ["localhost", "127.0.0.1", "::1"] },
                Users = new UsersSpec { Count = 1 },
            });
        }

        return config;
    }
}
