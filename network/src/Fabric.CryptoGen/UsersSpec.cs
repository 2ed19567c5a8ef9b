using YamlDotNet.Serialization;

namespace Fabric.CryptoGen;

/// <summary>
/// An organisation's users. As in cryptogen, <c>Admin@&lt;domain&gt;</c> is always created and
/// <see cref="Count"/> adds <c>User1@&lt;domain&gt;</c>..; <see cref="Named"/> and
/// <see cref="AdminAttributes"/> are our extension.
/// </summary>
public sealed class UsersSpec
{
    /// <summary>How many template users (<c>User1</c>, <c>User2</c>, ...) besides Admin; default 0.</summary>
    [YamlMember(Alias = "Count")]
    public int Count { get; set; }

    /// <summary>Named users with certificate attributes.</summary>
    [YamlMember(Alias = "Named")]
    public List<NamedUserSpec> Named { get; set; } = [];

    /// <summary>Attributes for the Admin user's certificate (e.g. <c>hrec.role: admin</c>); none by default.</summary>
    [YamlMember(Alias = "AdminAttributes")]
    public Dictionary<string, string> AdminAttributes { get; set; } = [];
}
