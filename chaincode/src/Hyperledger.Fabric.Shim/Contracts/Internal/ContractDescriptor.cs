using System.Reflection;

namespace Hyperledger.Fabric.Shim.Contracts.Internal;

/// <summary>A contract instance and its transaction functions by name.</summary>
internal sealed class ContractDescriptor
{
    public ContractDescriptor(Contract contract)
    {
        Contract = contract;
        Info = contract.GetType().GetCustomAttribute<ContractAttribute>();
        var functions = new Dictionary<string, TransactionFunction>(StringComparer.Ordinal);
        foreach (var method in contract.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            var attribute = method.GetCustomAttribute<TransactionAttribute>(inherit: true);
            if (attribute is null)
            {
                continue;
            }

            var function = TransactionFunction.Create(method, attribute);
            if (!functions.TryAdd(function.Name, function))
            {
                throw new ArgumentException($"contract '{contract.Name}' has two transactions named '{function.Name}'");
            }
        }

        Functions = functions;
    }

    public Contract Contract { get; }

    public ContractAttribute? Info { get; }

    public string Name => Contract.Name;

    public IReadOnlyDictionary<string, TransactionFunction> Functions { get; }
}
