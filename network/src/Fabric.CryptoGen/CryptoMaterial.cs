using Fabric.CryptoGen.Internal;

namespace Fabric.CryptoGen;

/// <summary>
/// The paths of crypto material in Fabric's cryptogen layout under <see cref="RootDirectory"/>.
/// Returned by <see cref="CryptoGenerator.Generate"/>; <see cref="Describe"/> computes the same
/// paths for material generated earlier.
/// </summary>
public sealed class CryptoMaterial
{
    internal CryptoMaterial(string rootDirectory, IReadOnlyList<OrganizationMaterial> organizations)
    {
        RootDirectory = rootDirectory;
        Organizations = organizations;
    }

    /// <summary>The output folder (absolute).</summary>
    public string RootDirectory { get; }

    /// <summary>Every organisation, peer organisations first.</summary>
    public IReadOnlyList<OrganizationMaterial> Organizations { get; }

    /// <summary>Peer organisations only.</summary>
    public IEnumerable<OrganizationMaterial> PeerOrganizations => Organizations.Where(o => !o.IsOrdererOrg);

    /// <summary>The paths <paramref name="config"/> produces under <paramref name="rootDirectory"/>, without touching the disk.</summary>
    /// <param name="config">The crypto config.</param>
    /// <param name="rootDirectory">The folder the material was generated into.</param>
    public static CryptoMaterial Describe(CryptoConfig config, string rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        return new CryptoMaterial(Path.GetFullPath(rootDirectory), CryptoLayout.Plan(config, Path.GetFullPath(rootDirectory)).Select(p => p.Material).ToList());
    }

    /// <summary>The organisation with MSP ID, name or domain <paramref name="key"/>.</summary>
    /// <param name="key">E.g. <c>Org1MSP</c>, <c>Org1</c> or <c>org1.example.com</c>.</param>
    /// <exception cref="KeyNotFoundException">No such organisation.</exception>
    public OrganizationMaterial GetOrganization(string key) =>
        Organizations.FirstOrDefault(o => o.MspId == key || o.Name == key || string.Equals(o.Domain, key, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"no organisation '{key}' in the crypto material");

    /// <summary>The user named <paramref name="name"/> in any organisation (first match, peer organisations first).</summary>
    /// <param name="name">A user name (<c>alice</c>) or CN (<c>Admin@org1.example.com</c>).</param>
    /// <exception cref="KeyNotFoundException">No such user.</exception>
    public UserMaterial GetUser(string name) =>
        Organizations.SelectMany(o => o.Users).FirstOrDefault(u => u.IdentityName == name || u.CommonName == name)
        ?? throw new KeyNotFoundException($"no user '{name}' in the crypto material");
}
