using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Architecture.Tests;

/// <summary>
/// Reads every name and literal an assembly's metadata holds, without loading it: the #Strings heap
/// (namespaces, type, member and parameter names, and the names of everything it references), the
/// #US heap (every string literal the code loads) and the arguments of attributes on types and members.
/// </summary>
public static class AssemblyText
{
    /// <summary>The texts of <paramref name="assemblyName"/> (a .dll beside the tests), each once.</summary>
    public static IReadOnlyList<string> Of(string assemblyName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var texts = new HashSet<string>(StringComparer.Ordinal);

        // Offset 0 of each heap is its empty entry; GetNextHandle walks every entry after it and ends on nil.
        var name = MetadataTokens.StringHandle(0);
        do
        {
            texts.Add(reader.GetString(name));
            name = reader.GetNextHandle(name);
        }
        while (!name.IsNil);

        if (reader.GetHeapSize(HeapIndex.UserString) > 0)
        {
            var literal = MetadataTokens.UserStringHandle(0);
            do
            {
                texts.Add(reader.GetUserString(literal));
                literal = reader.GetNextHandle(literal);
            }
            while (!literal.IsNil);
        }

        foreach (var handle in reader.CustomAttributes)
        {
            // The assembly's own attributes are packaging metadata from Directory.Build.props (the
            // repository's product and company, "Fabric.HealthRecords"), not code; attributes on types
            // and members are code. Their string arguments are stored as UTF-8, so the blob reads as text.
            var attribute = reader.GetCustomAttribute(handle);
            if (attribute.Parent.Kind is not (HandleKind.AssemblyDefinition or HandleKind.ModuleDefinition))
            {
                texts.Add(Encoding.UTF8.GetString(reader.GetBlobBytes(attribute.Value)));
            }
        }

        texts.Remove(string.Empty);
        return [.. texts];
    }
}
