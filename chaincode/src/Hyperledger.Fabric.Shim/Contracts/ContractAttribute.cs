namespace Hyperledger.Fabric.Shim.Contracts;

/// <summary>Names and describes a <see cref="Contract"/> class in routing and metadata.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ContractAttribute : Attribute
{
    /// <summary>The contract name used in <c>name:function</c>; defaults to the class name.</summary>
    public string? Name { get; set; }

    /// <summary>Title for the metadata's info section.</summary>
    public string? Title { get; set; }

    /// <summary>Version for the metadata's info section.</summary>
    public string? Version { get; set; }

    /// <summary>Description for the metadata's info section.</summary>
    public string? Description { get; set; }
}
