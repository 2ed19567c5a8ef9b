using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Identity;

namespace HealthRecords.Client.Profiles;

/// <summary>
/// A connection profile as docs/connection-profile.md describes it: Fabric's common connection profile
/// (<see cref="Common"/>: peers, their TLS roots, organisations, channels), read by the gateway, plus our
/// <c>x-hrec</c> extension, read here: the channel and chaincode to use, each MSP's CA certificates and the
/// named identities (a PEM key file or a key in a PKCS#11 token). Relative paths are relative to the profile file.
/// </summary>
public sealed class ConnectionProfile
{
    /// <summary>The name of the profile's extension this class reads.</summary>
    public const string ExtensionName = "x-hrec";

    private ConnectionProfile(
        CommonConnectionProfile common, string? channel, string? chaincode,
        IReadOnlyDictionary<string, IReadOnlyList<X509Certificate2>> mspCaCertificates, IReadOnlyDictionary<string, ConnectionProfileIdentity> identities)
    {
        Common = common;
        Channel = channel;
        Chaincode = chaincode;
        MspCaCertificates = mspCaCertificates;
        Identities = identities;
    }

    /// <summary>The common part of the profile, as the gateway reads it.</summary>
    public CommonConnectionProfile Common { get; }

    /// <summary>The profile's <c>name</c>, or null.</summary>
    public string? Name => Common.Name;

    /// <summary>The profile's <c>client.organization</c>, or null.</summary>
    public string? ClientOrganization => Common.ClientOrganization;

    /// <summary>The channel to use (<c>x-hrec.channel</c>, else the only channel listed), or null.</summary>
    public string? Channel { get; }

    /// <summary>The chaincode to use (<c>x-hrec.chaincode</c>), or null.</summary>
    public string? Chaincode { get; }

    /// <summary>Every peer, by name.</summary>
    public IReadOnlyDictionary<string, ConnectionProfilePeer> Peers => Common.Peers;

    /// <summary>The peers each channel lists, by channel name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ChannelPeers => Common.ChannelPeers;

    /// <summary>Each organisation's MSP CA certificates (<c>x-hrec.organizations.&lt;mspid&gt;.caCerts</c>), by MSP id, for verifiable reads.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<X509Certificate2>> MspCaCertificates { get; }

    /// <summary>The named identities (<c>x-hrec.identities</c>), by name.</summary>
    public IReadOnlyDictionary<string, ConnectionProfileIdentity> Identities { get; }

    /// <summary>Reads a profile file.</summary>
    /// <param name="path">The profile's path.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid profile (the message names the field).</exception>
    public static ConnectionProfile Load(string path) => From(CommonConnectionProfile.Load(path));

    /// <summary>Reads a profile from JSON text.</summary>
    /// <param name="json">The profile.</param>
    /// <param name="baseDirectory">The folder relative paths are resolved against.</param>
    /// <param name="source">A name for the profile in error messages; null for "connection profile".</param>
    /// <exception cref="InvalidDataException">The text is not a valid profile.</exception>
    public static ConnectionProfile Parse(string json, string baseDirectory, string? source = null) =>
        From(CommonConnectionProfile.Parse(json, baseDirectory, source));

    /// <summary>Reads the <c>x-hrec</c> extension of a common profile the gateway has read.</summary>
    /// <param name="common">The common profile; a profile without the extension has no identities and no CA certificates.</param>
    /// <exception cref="InvalidDataException">The extension is not valid (the message names the field).</exception>
    public static ConnectionProfile From(CommonConnectionProfile common)
    {
        ArgumentNullException.ThrowIfNull(common);
        var extension = ConnectionProfileReader.Read(common);
        return new ConnectionProfile(common, extension.Channel ?? common.DefaultChannel, extension.Chaincode, extension.MspCaCertificates, extension.Identities);
    }

    /// <summary>The gateway endpoints of a channel's peers (all peers when the profile lists none for it), <paramref name="firstPeer"/> first.</summary>
    /// <param name="channel">The channel; null for <see cref="Channel"/>.</param>
    /// <param name="firstPeer">A peer to put first (the preferred gateway); null to keep profile order.</param>
    /// <exception cref="KeyNotFoundException"><paramref name="firstPeer"/> is not a peer of the profile.</exception>
    public IReadOnlyList<GatewayEndpoint> GetEndpoints(string? channel = null, string? firstPeer = null) =>
        Common.GetEndpoints(channel ?? Channel, firstPeer);

    /// <summary>The identity's certificate.</summary>
    /// <param name="identityName">A name from <see cref="Identities"/>.</param>
    /// <exception cref="KeyNotFoundException">No identity has that name.</exception>
    /// <exception cref="CryptoMaterialException">The certificate cannot be read.</exception>
    public X509Identity LoadIdentity(string identityName)
    {
        var identity = GetIdentity(identityName);
        return X509Identity.FromPemFile(identity.MspId, identity.CertificatePath);
    }

    /// <summary>A signer with the identity's private key.</summary>
    /// <param name="identityName">A name from <see cref="Identities"/>.</param>
    /// <exception cref="KeyNotFoundException">No identity has that name.</exception>
    /// <exception cref="CryptoMaterialException">The key cannot be read.</exception>
    /// <exception cref="InvalidOperationException">The identity's key is in a PKCS#11 token (<see cref="ConnectionProfileIdentity.Hsm"/>):
    /// create its signer with <see cref="HsmSignerFactory"/> and pass it to <see cref="CreateGatewayOptions(string, ISigner, string?)"/>.</exception>
    public ISigner LoadSigner(string identityName)
    {
        var identity = GetIdentity(identityName);
        return identity.KeyPath is { } keyPath
            ? Signers.FromPemFile(keyPath)
            : throw new InvalidOperationException(
                $"identity '{identityName}' keeps its key in a PKCS#11 token ({identity.Hsm}): sign with HsmSignerFactory.NewSignerAsync(identity.Hsm.ToSignerOptions())");
    }

    /// <summary>
    /// Gateway options for a named identity: its certificate and key, and every endpoint of the channel
    /// with the identity's own peer first (the others are failover endpoints).
    /// </summary>
    /// <param name="identityName">A name from <see cref="Identities"/>.</param>
    /// <param name="channel">The channel; null for <see cref="Channel"/>.</param>
    /// <exception cref="KeyNotFoundException">No identity has that name.</exception>
    /// <exception cref="CryptoMaterialException">The certificate or key cannot be read.</exception>
    public GatewayOptions CreateGatewayOptions(string identityName, string? channel = null)
    {
        return CreateGatewayOptions(identityName, LoadSigner(identityName), channel);
    }

    /// <summary>
    /// Gateway options for a named identity signing with <paramref name="signer"/> (a key in a PKCS#11 token,
    /// say): its certificate, and the endpoints as <see cref="CreateGatewayOptions(string, string?)"/> orders them.
    /// </summary>
    /// <param name="identityName">A name from <see cref="Identities"/>.</param>
    /// <param name="signer">Signs as the identity; the caller owns it and disposes it after the gateway.</param>
    /// <param name="channel">The channel; null for <see cref="Channel"/>.</param>
    /// <exception cref="KeyNotFoundException">No identity has that name.</exception>
    /// <exception cref="CryptoMaterialException">The certificate cannot be read.</exception>
    public GatewayOptions CreateGatewayOptions(string identityName, ISigner signer, string? channel = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var identity = GetIdentity(identityName);
        var firstPeer = identity.Peer is not null && Peers.ContainsKey(identity.Peer) ? identity.Peer : null;
        return new GatewayOptions
        {
            Identity = LoadIdentity(identityName),
            Signer = signer,
            Endpoints = GetEndpoints(channel, firstPeer),
        };
    }

    /// <summary>Options for a verifiable read trusting this profile's MSP CA certificates.</summary>
    /// <param name="minimumOrganizations">Distinct organisations that must endorse. Default 2.</param>
    public VerifiedReadOptions CreateVerifiedReadOptions(int minimumOrganizations = 2) =>
        new() { MspCaCertificates = MspCaCertificates, MinimumOrganizations = minimumOrganizations };

    private ConnectionProfileIdentity GetIdentity(string identityName)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityName);
        return Identities.TryGetValue(identityName, out var identity)
            ? identity
            : throw new KeyNotFoundException($"the connection profile has no identity named '{identityName}' (known: {string.Join(", ", Identities.Keys)})");
    }
}
