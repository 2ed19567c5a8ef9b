using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Architecture.Tests;

/// <summary>
/// Reads the assembly references an assembly's metadata records, without loading it. The compiler
/// records only the assemblies the code uses, so a project reference nobody uses does not count;
/// a forbidden type used anywhere does.
/// </summary>
public static class AssemblyReferences
{
    /// <summary>The names of the assemblies <paramref name="assemblyName"/> (a .dll beside the tests) references.</summary>
    public static IReadOnlyList<string> Of(string assemblyName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(handle => reader.GetString(reader.GetAssemblyReference(handle).Name))
            .ToList();
    }

    /// <summary>
    /// Every assembly <paramref name="assemblyName"/> reaches through references, following those that are
    /// beside the tests (ours and the packages'; the framework's are not followed), in first-seen order.
    /// </summary>
    public static IReadOnlyList<string> ClosureOf(string assemblyName)
    {
        var seen = new List<string>();
        var pending = new Queue<string>(Of(assemblyName));
        while (pending.TryDequeue(out var name))
        {
            if (seen.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            seen.Add(name);
            if (File.Exists(Path.Combine(AppContext.BaseDirectory, name + ".dll")))
            {
                foreach (var reference in Of(name))
                {
                    pending.Enqueue(reference);
                }
            }
        }

        return seen;
    }
}
