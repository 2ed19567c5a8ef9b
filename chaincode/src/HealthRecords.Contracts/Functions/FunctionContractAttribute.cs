namespace HealthRecords.Domain.Contracts;

/// <summary>
/// Marks a partial Fabric contract class: the source generator adds one public transaction method
/// <c>&lt;Name&gt;Async(ContractContext context, string request)</c> per row of <see cref="Table"/>, with
/// the row's kind and description, each delegating to the class's own
/// <c>RunAsync(ContractContext context, string function, string request)</c>.
/// </summary>
/// <param name="table">The class that holds the <see cref="ChaincodeFunctionAttribute"/> rows.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FunctionContractAttribute(Type table) : Attribute
{
    /// <summary>The function table.</summary>
    public Type Table { get; } = table;
}
