using System.Globalization;

namespace Fabric.DevNetwork.Configuration;

/// <summary>The parsed command line of the <c>Fabric.DevNetwork</c> program.</summary>
internal sealed record CommandLineOptions
{
    public const string Usage = """
        Fabric.DevNetwork: a single-process Hyperledger Fabric network for development and tests (not for production).

        Usage:
          Fabric.DevNetwork up     [--data DIR] [--plaintext] [--orgs N] [--port 7051]
                                   [--chaincode NAME=HOST:PORT]... [--policy NAME=POLICY]... [--version NAME=VERSION]...
                                   [--package-id NAME=ID]... [--chaincode-command NAME=PATH]...
                                   [--stop-when-stdin-closes]
                                   [--profile PATH] [--batch-size 10] [--batch-timeout-ms 2000] [--log-level Information]
          Fabric.DevNetwork status [--data DIR]
          Fabric.DevNetwork down   [--data DIR]

        Defaults: --data .devnet, TLS on, 2 organisations, peers on 7051, 9051, ... (--port 0 = ephemeral),
        profile written to <data>/connection-profile.json.
        --chaincode-command starts a chaincode-as-a-service program (an executable, or a .dll run with dotnet)
        with CHAINCODE_ID and CHAINCODE_SERVER_ADDRESS set, before the peers dial it; without --chaincode for
        that name it listens on 127.0.0.1:0 and must print 'listening on HOST:PORT' on standard output.
        --stop-when-stdin-closes stops the network when standard input reaches its end (a parent that runs it
        through a pipe takes it down with it, even when killed).
        """;

    public required string Command { get; init; }

    public string DataDirectory { get; init; } = ".devnet";

    public bool Plaintext { get; init; }

    public int Organizations { get; init; } = 2;

    public int BasePort { get; init; } = 7051;

    public string? ProfilePath { get; init; }

    public int BatchSize { get; init; } = 10;

    public int BatchTimeoutMilliseconds { get; init; } = 2000;

    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    public IReadOnlyList<ChaincodeDefinition> Chaincodes { get; init; } = [];

    /// <summary>The programs <c>up</c> starts, by chaincode name (each also defines that chaincode).</summary>
    public IReadOnlyDictionary<string, string> ChaincodeCommands { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Stop when standard input reaches its end.</summary>
    public bool StopWhenStdinCloses { get; init; }

    /// <summary>The listen address of a started chaincode whose address is not given: a free loopback port.</summary>
    public const string EphemeralChaincodeAddress = "127.0.0.1:0";

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static CommandLineOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("up" or "status" or "down"))
        {
            throw new ArgumentException(args.Length == 0 ? "a command is required" : $"unknown command '{args[0]}'");
        }

        var result = new CommandLineOptions { Command = args[0] };
        var addresses = new List<(string Name, string Address)>();
        var policies = new Dictionary<string, string>(StringComparer.Ordinal);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        var packageIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var commands = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--plaintext")
            {
                result = result with { Plaintext = true };
                continue;
            }

            if (name == "--stop-when-stdin-closes")
            {
                result = result with { StopWhenStdinCloses = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"option {name} needs a value");
            }

            var value = args[++i];
            result = name switch
            {
                "--data" => result with { DataDirectory = value },
                "--orgs" => result with { Organizations = ParseInt(name, value, 1) },
                "--port" => result with { BasePort = ParseInt(name, value, 0) },
                "--profile" => result with { ProfilePath = value },
                "--batch-size" => result with { BatchSize = ParseInt(name, value, 1) },
                "--batch-timeout-ms" => result with { BatchTimeoutMilliseconds = ParseInt(name, value, 1) },
                "--log-level" => result with { LogLevel = Enum.Parse<Microsoft.Extensions.Logging.LogLevel>(value, ignoreCase: true) },
                "--chaincode" => Add(result, addresses, SplitPair(name, value)),
                "--policy" => Add(result, policies, SplitPair(name, value)),
                "--version" => Add(result, versions, SplitPair(name, value)),
                "--package-id" => Add(result, packageIds, SplitPair(name, value)),
                "--chaincode-command" => Add(result, commands, SplitPair(name, value)),
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        // A started chaincode without an address listens where it is told: a free loopback port.
        addresses.AddRange(commands.Keys.Except(addresses.Select(a => a.Name)).Order(StringComparer.Ordinal).Select(n => (n, EphemeralChaincodeAddress)));
        var unknown = policies.Keys.Concat(versions.Keys).Concat(packageIds.Keys).Except(addresses.Select(a => a.Name)).FirstOrDefault();
        if (unknown is not null)
        {
            throw new ArgumentException($"--policy/--version/--package-id names chaincode '{unknown}', which no --chaincode or --chaincode-command defines");
        }

        var chaincodes = addresses.Select(a => new ChaincodeDefinition
        {
            Name = a.Name,
            Address = a.Address,
            Version = versions.GetValueOrDefault(a.Name, "1.0"),
            EndorsementPolicy = policies.GetValueOrDefault(a.Name),
        }).Select(d => packageIds.TryGetValue(d.Name, out var packageId) ? d with { PackageId = packageId } : d).ToList();
        return result with { Chaincodes = chaincodes, ChaincodeCommands = commands };
    }

    private static CommandLineOptions Add<T>(CommandLineOptions options, ICollection<T> sink, T item)
    {
        sink.Add(item);
        return options;
    }

    private static CommandLineOptions Add(CommandLineOptions options, Dictionary<string, string> sink, (string Name, string Value) item)
    {
        sink[item.Name] = item.Value;
        return options;
    }

    private static (string Name, string Value) SplitPair(string option, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == value.Length - 1)
        {
            throw new ArgumentException($"option {option} expects NAME=VALUE, got '{value}'");
        }

        return (value[..equals], value[(equals + 1)..]);
    }

    private static int ParseInt(string option, string value, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= minimum
            ? number
            : throw new ArgumentException($"option {option} expects a number >= {minimum}, got '{value}'");
}
