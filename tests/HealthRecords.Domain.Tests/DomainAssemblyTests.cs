using System.Reflection;

namespace HealthRecords.Domain.Tests;

public sealed class DomainAssemblyTests
{
    [Fact]
    public void DomainAssembly_ReferencesNothingFromFabricOrGrpc()
    {
        var references = typeof(HealthRecordsService).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, n => n.StartsWith("Fabric", StringComparison.OrdinalIgnoreCase)
            || n.Contains("Grpc", StringComparison.OrdinalIgnoreCase) || n.Contains("Protobuf", StringComparison.OrdinalIgnoreCase));
        Assert.All(references, n => Assert.True(n.StartsWith("System", StringComparison.Ordinal) || n == "netstandard", n));
    }

    [Fact]
    public void DomainAssembly_ExposesNoMutableContract()
    {
        var contracts = typeof(HealthRecordsService).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "HealthRecords.Domain.Contracts" && !t.IsAbstract);
        foreach (var property in contracts.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
        {
            var setter = property.SetMethod;
            Assert.True(setter is null || setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"), $"{property.DeclaringType!.Name}.{property.Name}");
        }
    }
}
