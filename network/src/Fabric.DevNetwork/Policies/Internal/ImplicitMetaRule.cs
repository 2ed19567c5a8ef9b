namespace Fabric.DevNetwork.Policies.Internal;

/// <summary>How many of the channel's organisations an implicit-meta policy needs.</summary>
internal enum ImplicitMetaRule
{
    Any,
    All,
    Majority,
}
