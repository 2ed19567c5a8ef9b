using System.Text.RegularExpressions;
using System.Xml.Linq;
using TestNetwork.Tests.Infrastructure;

namespace TestNetwork.Tests;

/// <summary>chaincode/Dockerfile: official .NET bases, a non-root user, settings from the environment.</summary>
public sealed partial class DockerfileTests
{
    private const string ChaincodeProject = "chaincode/src/HealthRecords.Chaincode/HealthRecords.Chaincode.csproj";

    /// <summary>(keyword, arguments) per instruction, continuation lines joined, comments dropped.</summary>
    private static List<(string Keyword, string Arguments)> Instructions()
    {
        var joined = Regex.Replace(File.ReadAllText(TestNetworkPaths.Dockerfile), @"\\\r?\n", " ");
        return [.. joined.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (l.Split(' ', 2)[0].ToUpperInvariant(), l.Split(' ', 2).ElementAtOrDefault(1)?.Trim() ?? string.Empty))];
    }

    private static List<(string Keyword, string Arguments)> FinalStage()
    {
        var instructions = Instructions();
        return instructions[instructions.FindLastIndex(i => i.Keyword == "FROM")..];
    }

    [Fact]
    public void BaseImages_AreOfficialDotnetImagesAtPinnedPatchVersions()
    {
        var bases = Instructions().Where(i => i.Keyword == "FROM").Select(i => i.Arguments.Split(' ')[0]).ToList();

        Assert.Equal(2, bases.Count);
        Assert.All(bases, b => Assert.Matches(OfficialDotnetImage(), b));
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", bases[0], StringComparison.Ordinal);
        // The shim serves gRPC on Kestrel, which needs the ASP.NET Core shared framework.
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", bases[1], StringComparison.Ordinal);
    }

    [Fact]
    public void BaseImages_MatchTheTargetFramework()
    {
        var props = XDocument.Load(Path.Combine(TestNetworkPaths.Root, "Directory.Build.props"));
        var framework = props.Descendants("TargetFramework").Single().Value; // net10.0
        var version = framework["net".Length..];

        Assert.All(
            Instructions().Where(i => i.Keyword == "FROM"),
            i => Assert.Contains($":{version}.", i.Arguments, StringComparison.Ordinal));
    }

    [Fact]
    public void FinalStage_User_IsNotRoot()
    {
        var user = FinalStage().Last(i => i.Keyword == "USER").Arguments;

        Assert.DoesNotContain(user.Split(':')[0], (string[])["root", "0"]);
        Assert.True(user == "$APP_UID" || user == "app" || int.TryParse(user.Split(':')[0], out var uid) && uid > 0, $"USER {user}");
        // Nothing after USER may switch back or run as root.
        var stage = FinalStage();
        Assert.DoesNotContain(stage.SkipWhile(i => i.Keyword != "USER").Skip(1), i => i.Keyword is "USER" or "RUN");
    }

    [Fact]
    public void FinalStage_ChaincodeSettings_ComeFromTheEnvironment()
    {
        var stage = FinalStage();
        var env = string.Join(' ', stage.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        var chaincode = Assert.Single(ComposeFile.Load(TestNetworkPaths.ComposeChaincode).Services.Values);

        // The listen address has a default that matches connection.json; the package id cannot,
        // so the image never bakes one in and the container gets both from its environment.
        Assert.Contains($"CHAINCODE_SERVER_ADDRESS={chaincode.Env("CHAINCODE_SERVER_ADDRESS")}", env, StringComparison.Ordinal);
        Assert.DoesNotContain("CHAINCODE_ID", env, StringComparison.Ordinal);
        Assert.Contains("CHAINCODE_ID", chaincode.Environment.Keys);
        Assert.Contains(stage, i => i.Keyword == "EXPOSE" && chaincode.Env("CHAINCODE_SERVER_ADDRESS").EndsWith(":" + i.Arguments, StringComparison.Ordinal));
    }

    [Fact]
    public void Build_PublishesTheChaincodeProjectAndRunsItsAssembly()
    {
        var instructions = Instructions();

        var publish = Assert.Single(instructions, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains(ChaincodeProject, publish.Arguments, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(TestNetworkPaths.Root, ChaincodeProject)));
        var entrypoint = FinalStage().Single(i => i.Keyword == "ENTRYPOINT").Arguments;
        Assert.Contains("\"HealthRecords.Chaincode.dll\"", entrypoint, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CopiesEveryProjectTheChaincodeReferences()
    {
        var copied = Instructions()
            .Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();
        var ignored = File.ReadAllLines(TestNetworkPaths.DockerIgnore).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        foreach (var project in ProjectClosure(Path.Combine(TestNetworkPaths.Root, ChaincodeProject)))
        {
            var relative = Path.GetRelativePath(TestNetworkPaths.Root, project).Replace('\\', '/');
            Assert.True(copied.Any(c => c.EndsWith('/') && relative.StartsWith(c, StringComparison.Ordinal)), $"{relative} is not copied into the build stage");
            Assert.DoesNotContain(ignored, pattern => relative.StartsWith(pattern.TrimEnd('/') + "/", StringComparison.Ordinal));
        }

        foreach (var shared in new[] { "global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            Assert.Contains(shared, copied);
        }
    }

    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, include)));
            }
        }

        return seen;
    }

    [GeneratedRegex(@"^mcr\.microsoft\.com/dotnet/(sdk|aspnet|runtime|runtime-deps):\d+\.\d+\.\d+(-[a-z0-9.]+)?$")]
    private static partial Regex OfficialDotnetImage();
}
