using System.Reflection;
using System.Runtime.Loader;
using System.Xml.Linq;
using HealthRecords.Contracts.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TestSupport;

namespace HealthRecords.Chaincode.Tests.Infrastructure;

/// <summary>
/// Builds the real HealthRecords.Contracts, HealthRecords.Domain and HealthRecords.Chaincode sources
/// in memory, with files added or edited the way a contributor would, through the function-table
/// generator and the other source generators the build uses, and loads the result beside the test.
/// </summary>
internal static class ChaincodeSourceBuild
{
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly Lazy<MetadataReference[]> FrameworkAndPackages = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => !Path.GetFileName(path).StartsWith("HealthRecords.", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path))]);

    // The generators the test project's own build ran (logging, regex, ...), listed by its csproj.
    private static readonly Lazy<ISourceGenerator[]> BuildGenerators = new(() =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "source-generators.txt"))
            .Where(path => Path.GetFileName(path).Contains("Gen", StringComparison.Ordinal))
            .SelectMany(path => new AnalyzerFileReference(path, AnalyzerLoader.Instance).GetGenerators(LanguageNames.CSharp))]);

    /// <summary>The source text of one file of a project, e.g. ("HealthRecords.Contracts", "Functions/HealthRecordsFunctionTable.cs").</summary>
    public static string ReadSource(string project, string file) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "chaincode", "src", project, file));

    /// <summary>
    /// Compiles the three projects; <paramref name="edits"/> maps (project, relative path) to the
    /// file's new text (an existing file is replaced, a new one added).
    /// </summary>
    public static BuildResult Build(IReadOnlyDictionary<(string Project, string File), string> edits)
    {
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var errors = new List<Diagnostic>();
        foreach (var (project, kind) in new[]
                 {
                     ("HealthRecords.Contracts", OutputKind.DynamicallyLinkedLibrary),
                     ("HealthRecords.Domain", OutputKind.DynamicallyLinkedLibrary),
                     ("HealthRecords.Chaincode", OutputKind.ConsoleApplication),
                 })
        {
            var image = Compile(project, kind, edits, images, errors);
            if (image is null)
            {
                break;
            }

            images.Add(project, image);
        }

        return new BuildResult(images, errors);
    }

    private static byte[]? Compile(
        string project, OutputKind kind, IReadOnlyDictionary<(string Project, string File), string> edits,
        Dictionary<string, byte[]> built, List<Diagnostic> errors)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var directory = Path.Combine(RepositoryPaths.Root, "chaincode", "src", project);
        var files = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(directory, path).Replace('\\', '/'))
            .Where(file => !file.StartsWith("obj/", StringComparison.Ordinal) && !file.StartsWith("bin/", StringComparison.Ordinal))
            .ToDictionary(file => file, file => File.ReadAllText(Path.Combine(directory, file)), StringComparer.Ordinal);
        foreach (var ((editProject, file), text) in edits)
        {
            if (editProject == project)
            {
                files[file] = text;
            }
        }

        // What MSBuild adds to every build: the implicit usings and the csproj's InternalsVisibleTo items.
        var friends = XDocument.Load(Path.Combine(directory, project + ".csproj")).Descendants("InternalsVisibleTo")
            .Select(item => $"[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"{item.Attribute("Include")!.Value}\")]\n");
        var msbuild = string.Concat(ImplicitUsings.Select(u => $"global using {u};\n")) + string.Concat(friends);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Value, parse, path: f.Key))
            .Append(CSharpSyntaxTree.ParseText(msbuild, parse, path: "MSBuildGenerated.cs"));
        var compilation = CSharpCompilation.Create(
            project,
            trees,
            [.. FrameworkAndPackages.Value, .. built.Values.Select(image => MetadataReference.CreateFromImage(image))],
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

        CSharpGeneratorDriver
            .Create([new FunctionTableGenerator().AsSourceGenerator(), .. BuildGenerators.Value], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        using var stream = new MemoryStream();
        var result = generated.Emit(stream);
        errors.AddRange(generatorDiagnostics.Concat(result.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error));
        return result.Success ? stream.ToArray() : null;
    }

    /// <summary>The compiled images (as far as the build got) and every error.</summary>
    public sealed record BuildResult(IReadOnlyDictionary<string, byte[]> Images, IReadOnlyList<Diagnostic> Errors)
    {
        /// <summary>Loads the three assemblies into their own context; everything else comes from the test's.</summary>
        public Assembly Load(string project)
        {
            Assert.True(Errors.Count == 0, string.Join("\n", Errors));
            return new BuiltContext(Images).LoadFromAssemblyName(new AssemblyName(project));
        }
    }

    private sealed class BuiltContext(IReadOnlyDictionary<string, byte[]> images) : AssemblyLoadContext("checklist", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name is { } name && images.TryGetValue(name, out var image) ? LoadFromStream(new MemoryStream(image)) : null;
    }

    private sealed class AnalyzerLoader : IAnalyzerAssemblyLoader
    {
        public static readonly AnalyzerLoader Instance = new();

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
