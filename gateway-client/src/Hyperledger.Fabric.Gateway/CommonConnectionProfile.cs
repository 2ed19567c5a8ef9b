using System.Text.Json;
using Hyperledger.Fabric.Gateway.Internal;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// The part of Fabric's common connection profile (JSON) that reaching the peers needs, as
/// docs/connection-profile.md describes: <c>name</c>, <c>client.organization</c>, <c>peers</c> (URL, TLS CA,
/// <c>grpcOptions</c> host override), <c>organizations</c> (which MSP each peer belongs to) and
/// <c>channels</c> (which peers each lists). Vendor extensions (top-level properties named <c>x-…</c>)
/// are kept unread in <see cref="Extensions"/> for the application that owns them. Relative paths are
/// relative to the profile file.
/// </summary>
public sealed class CommonConnectionProfile
{
    internal CommonConnectionProfile(
        string? name, string? clientOrganization, IReadOnlyDictionary<string, ConnectionProfilePeer> peers,
        IReadOnlyDictionary<string, IReadOnlyList<string>> channelPeers, IReadOnlyDictionary<string, JsonElement> extensions,
        string baseDirectory, string source)
    {
        Name = name;
        ClientOrganization = clientOrganization;
        Peers = peers;
        ChannelPeers = channelPeers;
        Extensions = extensions;
        BaseDirectory = baseDirectory;
        Source = source;
    }

    /// <summary>The profile's <c>name</c>, or null.</summary>
    public string? Name { get; }

    /// <summary>The profile's <c>client.organization</c>, or null.</summary>
    public string? ClientOrganization { get; }

    /// <summary>Every peer, by name.</summary>
    public IReadOnlyDictionary<string, ConnectionProfilePeer> Peers { get; }

    /// <summary>The peers each channel lists, by channel name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ChannelPeers { get; }

    /// <summary>The only channel the profile lists, or null when it lists none or several.</summary>
    public string? DefaultChannel => ChannelPeers.Count == 1 ? ChannelPeers.Keys.First() : null;

    /// <summary>The top-level properties whose names start with <c>x-</c>, by name, unread (each a detached copy).</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; }

    /// <summary>The absolute folder relative paths in the profile are resolved against.</summary>
    public string BaseDirectory { get; }

    /// <summary>The profile's name in error messages: its full path, or the name given to <see cref="Parse"/>.</summary>
    public string Source { get; }

    /// <summary>Reads a profile file.</summary>
    /// <param name="path">The profile's path.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid profile (the message names the field).</exception>
    public static CommonConnectionProfile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"connection profile {fullPath} does not exist", fullPath);
        }

        return Parse(File.ReadAllText(fullPath), Path.GetDirectoryName(fullPath)!, fullPath);
    }

    /// <summary>Reads a profile from JSON text.</summary>
    /// <param name="json">The profile.</param>
    /// <param name="baseDirectory">The folder relative paths are resolved against.</param>
    /// <param name="source">A name for the profile in error messages; null for "connection profile".</param>
    /// <exception cref="InvalidDataException">The text is not a valid profile.</exception>
    public static CommonConnectionProfile Parse(string json, string baseDirectory, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return CommonConnectionProfileReader.Read(json, Path.GetFullPath(baseDirectory), source ?? "connection profile");
    }

    /// <summary>The gateway endpoints of a channel's peers (all peers when the profile lists none for it), <paramref name="firstPeer"/> first.</summary>
    /// <param name="channel">The channel; null for <see cref="DefaultChannel"/>.</param>
    /// <param name="firstPeer">A peer to put first (the preferred gateway); null to keep profile order.</param>
    /// <exception cref="KeyNotFoundException"><paramref name="firstPeer"/> is not a peer of the profile.</exception>
    public IReadOnlyList<GatewayEndpoint> GetEndpoints(string? channel = null, string? firstPeer = null)
    {
        channel ??= DefaultChannel;
        IEnumerable<string> names = channel is not null && ChannelPeers.TryGetValue(channel, out var listed) && listed.Count > 0 ? listed : Peers.Keys;
        var ordered = names.Where(Peers.ContainsKey).ToList();
        if (firstPeer is not null)
        {
            if (!Peers.ContainsKey(firstPeer))
            {
                throw new KeyNotFoundException($"the connection profile has no peer named '{firstPeer}'");
            }

            ordered.Remove(firstPeer);
            ordered.Insert(0, firstPeer);
        }

        return ordered.Select(n => Peers[n].ToEndpoint()).ToList();
    }
}
