namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>The peers of the network, as a gateway sees them when it plans endorsements.</summary>
internal sealed class PeerRegistry
{
    private readonly List<PeerNode> _peers = [];

    public IReadOnlyList<PeerNode> All => _peers;

    public void Add(PeerNode peer) => _peers.Add(peer);

    public PeerNode? Find(string name) => _peers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A running peer of <paramref name="mspId"/>, preferring <paramref name="preferred"/>.</summary>
    public PeerNode? RunningPeerOf(string mspId, PeerNode? preferred = null)
    {
        if (preferred is { IsRunning: true } && preferred.MspId == mspId)
        {
            return preferred;
        }

        return _peers.FirstOrDefault(p => p.IsRunning && p.MspId == mspId);
    }

    /// <summary>Organisations that have at least one running peer, <paramref name="first"/>'s org first.</summary>
    public IReadOnlyList<string> AvailableOrganizations(string first) =>
        _peers.Where(p => p.IsRunning).Select(p => p.MspId).Distinct()
            .OrderBy(m => m == first ? 0 : 1).ThenBy(m => m, StringComparer.Ordinal).ToList();
}
