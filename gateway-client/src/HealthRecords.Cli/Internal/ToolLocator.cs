using System.Diagnostics;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// Finds the programs <c>network up</c> and the demo run as child processes: the dev network tool
/// (<c>fabric-devnet</c>) and the health-records chaincode server. Each is looked up in order: the
/// command-line option, its environment variable, the command on the PATH, and, when hrec runs from
/// this repository's build, the sibling project's build output. It also says how hrec runs itself again
/// (the background process of <c>network up --detach</c>).
/// </summary>
internal static class ToolLocator
{
    /// <summary>Environment variable naming the dev network program (an executable, or a .dll run with dotnet).</summary>
    public const string DevNetworkVariable = "HREC_DEVNET";

    /// <summary>Environment variable naming the chaincode server program (an executable, or a .dll run with dotnet).</summary>
    public const string ChaincodeVariable = "HREC_CHAINCODE";

    /// <summary>The dev network's tool command (<c>dotnet tool install -g Fabric.DevNetwork</c>).</summary>
    public const string DevNetworkCommand = "fabric-devnet";

    /// <summary>The chaincode server's tool command (<c>dotnet tool install -g HealthRecords.Chaincode</c>).</summary>
    public const string ChaincodeCommand = "healthrecords-chaincode";

    private const string RepositoryMarker = "Fabric.HealthRecords.sln";

    /// <summary>The dev network program; <paramref name="option"/> is <c>--devnet-command</c> (null when not given).</summary>
    /// <exception cref="CliException">TOOL_NOT_FOUND (exit 3) when no candidate exists.</exception>
    public static string DevNetwork(string? option) =>
        Find(option, "--devnet-command", DevNetworkVariable, DevNetworkCommand, Path.Combine("network", "src", "Fabric.DevNetwork"), "Fabric.DevNetwork.dll", "the dev network tool", "Fabric.DevNetwork");

    /// <summary>The chaincode server program; <paramref name="option"/> is <c>--chaincode-command</c> (null when not given).</summary>
    /// <exception cref="CliException">TOOL_NOT_FOUND (exit 3) when no candidate exists.</exception>
    public static string Chaincode(string? option) =>
        Find(option, "--chaincode-command", ChaincodeVariable, ChaincodeCommand, Path.Combine("chaincode", "src", "HealthRecords.Chaincode"), "HealthRecords.Chaincode.dll", "the health-records chaincode server", "HealthRecords.Chaincode");

    /// <summary>How to run <paramref name="program"/>: directly, or with the dotnet host when it is a .dll.</summary>
    public static ProcessStartInfo StartInfo(string program)
    {
        var info = program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo(DotnetHost()) { ArgumentList = { program } }
            : new ProcessStartInfo(program);
        info.UseShellExecute = false;
        return info;
    }

    /// <summary>How to run this tool again: its apphost (<c>hrec</c>) directly, or its assembly with the dotnet host.</summary>
    public static ProcessStartInfo SelfStartInfo()
    {
        var processPath = Environment.ProcessPath;
        return StartInfo(processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals("hrec", StringComparison.OrdinalIgnoreCase)
            ? processPath
            : typeof(HrecCommandLine).Assembly.Location);
    }

    /// <summary>The dotnet host: the one running this process when it is dotnet, else <c>dotnet</c> on the PATH.</summary>
    public static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var processPath = Environment.ProcessPath;
        return processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? processPath : "dotnet";
    }

    private static string Find(string? option, string optionName, string variable, string command, string project, string assembly, string what, string package)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Existing(option, $"{optionName} names {what} at", what, package);
        }

        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Existing(fromEnvironment, $"{variable} names {what} at", what, package);
        }

        if (OnPath(command) is { } onPath)
        {
            return onPath;
        }

        if (InRepositoryBuild(project, assembly) is { } built)
        {
            return built;
        }

        throw new CliException(
            ExitCodes.NotFound,
            "TOOL_NOT_FOUND",
            $"{what} was not found: no {optionName}, no {variable}, no '{command}' on the PATH, and hrec does not run from a build of this repository",
            $"install it ('dotnet tool install -g {package}'), or name it with {optionName} or {variable}");
    }

    private static string Existing(string path, string prefix, string what, string package)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full)
            ? full
            : throw new CliException(ExitCodes.NotFound, "TOOL_NOT_FOUND", $"{prefix} {full}, which does not exist", $"build or install {what} ('dotnet tool install -g {package}')");
    }

    private static string? OnPath(string command)
    {
        var names = OperatingSystem.IsWindows() ? new[] { command + ".exe", command } : [command];
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// <c>&lt;repo&gt;/&lt;project&gt;/bin/&lt;configuration&gt;/net10.0/&lt;assembly&gt;</c> when hrec's own folder is inside
    /// a clone, preferring hrec's own configuration (the folder above its target framework), then the other.
    /// </summary>
    private static string? InRepositoryBuild(string project, string assembly)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent?.Name;
        for (var directory = here; directory is not null; directory = directory.Parent)
        {
            if (!File.Exists(Path.Combine(directory.FullName, RepositoryMarker)))
            {
                continue;
            }

            var configurations = new[] { configuration, "Release", "Debug" }.OfType<string>().Distinct(StringComparer.Ordinal);
            return configurations
                .Select(c => Path.Combine(directory.FullName, project, "bin", c, framework, assembly))
                .FirstOrDefault(File.Exists);
        }

        return null;
    }
}
