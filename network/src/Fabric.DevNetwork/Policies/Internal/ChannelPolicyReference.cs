namespace Fabric.DevNetwork.Policies.Internal;

/// <summary>
/// An endorsement policy that names a channel configuration policy, such as the default
/// <c>/Channel/Application/Endorsement</c> of a chaincode or a collection's
/// <c>channelConfigPolicy</c>: evaluated by the channel's policy tree, so it follows the config block.
/// </summary>
internal sealed class ChannelPolicyReference(ChannelPolicyTree tree, string path) : EndorsementPolicy
{
    public string Path { get; } = ChannelPolicyTree.Absolute(path);

    public override string ToString() => Path;

    private protected override bool Evaluate(PolicyIdentity[] signers, bool[] used, IReadOnlyCollection<string> channelMspIds) =>
        tree.Evaluate(Path, signers).IsSatisfied;
}
